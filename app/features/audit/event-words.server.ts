// Audit codes become translation keys here, once, so the auditor reads events in words. A code
// without words (added by a later feature) falls back to "other", never to the code itself.
import svAudit from "~/locales/sv/audit";

type Words = Record<string, unknown>;
type Leaf<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}.${K}` : Leaf<T[K], `${P}.${K}`>;
}[keyof T & string];

export type ActionKey = Leaf<typeof svAudit.actions, "audit.actions">;
export type RecordTypeKey = Leaf<typeof svAudit.recordTypes, "audit.recordTypes">;

function isWords(value: unknown): value is Words {
  return typeof value === "object" && value !== null;
}

export function actionKey(code: string): ActionKey {
  const actions: Words = svAudit.actions;
  const [domain, verb, ...rest] = code.split(".");
  if (rest.length === 0 && Object.hasOwn(actions, domain)) {
    const entry = actions[domain];
    if (verb === undefined && typeof entry === "string") return `audit.actions.${domain}` as ActionKey;
    if (verb !== undefined && isWords(entry) && Object.hasOwn(entry, verb) && typeof entry[verb] === "string") {
      return `audit.actions.${domain}.${verb}` as ActionKey;
    }
  }
  return "audit.actions.other";
}

export function recordTypeKey(type: string): RecordTypeKey {
  return Object.hasOwn(svAudit.recordTypes, type)
    ? (`audit.recordTypes.${type}` as RecordTypeKey)
    : "audit.recordTypes.other";
}
