// Reads the POST forms a rendered page offers, the way a fuzzer (or a browser) sees them:
// field names, the values the page fills in, the options of each select and the intents
// of the submit buttons. React renders attributes in double quotes, which keeps this simple.

export interface PageField {
  name: string;
  /** Values the page itself would submit (checked boxes, selected options, filled inputs). */
  defaults: string[];
  /** Every value the page offers for this field (select options, radio and checkbox values). */
  options: string[];
}

export interface PageForm {
  /** Path and query the form posts to, e.g. `/plans?index`. */
  action: string;
  intents: string[];
  fields: PageField[];
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#x27": "'", "#39": "'" };
const decode = (s: string) => s.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, e: string) => ENTITIES[e]);

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1]) : undefined;
}
const has = (attrs: string, name: string) => new RegExp(`\\s${name}(=|\\s|$|/)`).test(attrs);

/** The POST forms on `html` that submit to `path` (their own route), not the header's logout and language forms. */
export function formsOn(html: string, path: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, formAttrs, body] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if ((attr(formAttrs, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(formAttrs, "action") ?? path;
    if (new URL(action, "http://x").pathname !== new URL(path, "http://x").pathname) continue;
    const fields = new Map<string, PageField>();
    const field = (name: string) => {
      if (!fields.has(name)) fields.set(name, { name, defaults: [], options: [] });
      return fields.get(name)!;
    };
    const intents = new Set<string>();
    for (const [, a] of body.matchAll(/<input\b([^>]*)>/g)) {
      const name = attr(a, "name");
      if (!name) continue;
      const value = attr(a, "value") ?? "";
      const type = attr(a, "type") ?? "text";
      if (name === "intent") intents.add(value);
      else if (type === "checkbox" || type === "radio") {
        field(name).options.push(value || "on");
        if (has(a, "checked")) field(name).defaults.push(value || "on");
      } else if (type !== "submit") field(name).defaults.push(value);
    }
    for (const [, a, options] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(a, "name");
      if (!name) continue;
      const values = [...options.matchAll(/<option\b([^>]*)>/g)].map(([, o]) => ({
        value: attr(o, "value") ?? "",
        selected: has(o, "selected"),
      }));
      field(name).options.push(...values.map((v) => v.value));
      const chosen = values.find((v) => v.selected) ?? values[0];
      if (chosen) field(name).defaults.push(chosen.value);
    }
    for (const [, a, text] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(a, "name");
      if (name) field(name).defaults.push(decode(text));
    }
    for (const [, a] of body.matchAll(/<button\b([^>]*)>/g)) {
      if (attr(a, "name") === "intent") intents.add(attr(a, "value") ?? "");
    }
    forms.push({ action, intents: intents.size ? [...intents] : [""], fields: [...fields.values()] });
  }
  return forms;
}
