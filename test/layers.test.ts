import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Routes are the edge: they authenticate, parse, call one feature command and map its result.
// Queries, audit calls and the personal-data guard live in app/features so no caller can skip them.
const routesDir = join(__dirname, "..", "app", "routes");
const routeFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));

const forbidden = [
  "selectFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "sql`",
  "audit(",
  "personalDataIn",
  "findPersonalData",
  "withdrawn_at",
  "role_grants",
];

describe("the route layer", () => {
  it("holds only routes", () => {
    expect(routeFiles.filter((f) => f.includes(".test."))).toEqual([]);
    expect(routeFiles.length).toBeGreaterThan(40);
  });

  it.each(routeFiles)("%s runs no queries, audits nothing and calls no guard itself", (file) => {
    const source = readFileSync(join(routesDir, file), "utf8");
    for (const word of forbidden) expect(source.includes(word), `${file} uses ${word}`).toBe(false);
  });
});

describe("consent", () => {
  it("is read as withdrawn or active only in the access and consent features", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes(".test.")) {
          const inOwner = /app[\\/]features[\\/](access|consent)[\\/]/.test(path);
          if (!inOwner && readFileSync(path, "utf8").includes("withdrawn_at")) offenders.push(path);
        }
      }
    };
    walk(join(__dirname, "..", "app"));
    expect(offenders).toEqual([]);
  });
});
