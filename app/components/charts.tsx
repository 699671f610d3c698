// Charts drawn on the server as SVG: they print, need no JavaScript, and each has a text
// alternative; the numbers themselves are always in a table beside the chart.
import { useId } from "react";

/** A number, a small count shown as "<k" (null), or a cell masked to protect another. */
type Value = number | null | "masked";

const shown = (v: Value, k: number) => (v === null ? `<${k}` : v === "masked" ? "–" : String(v));
const num = (v: Value) => (typeof v === "number" ? v : 0);

export function BarChart({
  title,
  description,
  rows,
  k,
}: {
  title: string;
  description: string;
  rows: { label: string; value: Value }[];
  k: number;
}) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => num(r.value)));
  const rowHeight = 26;
  const labelWidth = 230;
  const barWidth = 300;
  const height = rows.length * rowHeight + 8;
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {description} {rows.map((r) => `${r.label}: ${shown(r.value, k)}`).join("; ")}
      </desc>
      {rows.map((r, i) => {
        const y = i * rowHeight + 4;
        const hidden = typeof r.value !== "number";
        const w = (num(r.value) / max) * barWidth;
        return (
          <g key={r.label} transform={`translate(0 ${y})`}>
            <text x={labelWidth - 8} y={rowHeight / 2 + 4} textAnchor="end" className="chart__label">
              {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
            </text>
            {hidden ? (
              <rect x={labelWidth} y={4} width={24} height={rowHeight - 10} className="chart__bar chart__bar--hidden" />
            ) : (
              <rect
                x={labelWidth}
                y={4}
                width={Math.max(w, num(r.value) > 0 ? 2 : 0)}
                height={rowHeight - 10}
                className="chart__bar"
              />
            )}
            <text x={labelWidth + (hidden ? 30 : w + 6)} y={rowHeight / 2 + 4} className="chart__value">
              {shown(r.value, k)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function TrendChart({
  title,
  description,
  points,
  series,
  k,
}: {
  title: string;
  description: string;
  points: { label: string; values: Value[] }[];
  series: string[];
  k: number;
}) {
  const id = useId();
  const width = 560;
  const height = 220;
  // Room on both sides for the first and last period labels, which are centred on their points.
  const pad = { left: 48, right: 40, top: 16, bottom: 40 };
  const max = Math.max(1, ...points.flatMap((p) => p.values.map(num)));
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, points.length - 1);
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${width} ${height + 24}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {description}{" "}
        {points
          .map((p) => `${p.label}: ${p.values.map((v, s) => `${series[s]} ${shown(v, k)}`).join(", ")}`)
          .join("; ")}
      </desc>
      <line
        x1={pad.left}
        y1={height - pad.bottom}
        x2={width - pad.right}
        y2={height - pad.bottom}
        className="chart__axis"
      />
      <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" className="chart__label">
        {max}
      </text>
      <text x={pad.left - 6} y={height - pad.bottom + 4} textAnchor="end" className="chart__label">
        0
      </text>
      {series.map((name, s) => {
        const known = points
          .map((p, i) => ({ i, v: p.values[s] }))
          .filter((p): p is { i: number; v: number } => typeof p.v === "number");
        return (
          <g key={name} className={`chart__series chart__series--${s}`}>
            <polyline points={known.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")} fill="none" />
            {known.map((p) => (
              <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={4} />
            ))}
          </g>
        );
      })}
      {points.map((p, i) => (
        <text key={p.label} x={x(i)} y={height - pad.bottom + 18} textAnchor="middle" className="chart__label">
          {p.label}
        </text>
      ))}
      {series.map((name, s) => (
        <g
          key={name}
          transform={`translate(${pad.left + s * 160} ${height + 12})`}
          className={`chart__series chart__series--${s}`}
        >
          <circle cx={6} cy={-4} r={5} />
          <text x={16} y={0} className="chart__label">
            {name}
          </text>
        </g>
      ))}
    </svg>
  );
}
