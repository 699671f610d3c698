import { isIP } from "node:net";
import { z } from "zod";

// Express's `trust proxy` also understands these names for address ranges.
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: how many reverse proxies stand in front of the app (a hop count), or which
 * addresses they have (a comma list of addresses, CIDR ranges or Express's range names). The
 * client address is then the right-most hop in X-Forwarded-For that is not a trusted proxy.
 * "Trust everything" is refused: it would let every client choose its own address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    if (value === undefined) return false;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) {
      const hops = Number(trimmed);
      if (hops > 10) ctx.addIssue({ code: "custom", message: "a hop count must be between 0 and 10" });
      return hops === 0 ? false : hops;
    }
    const entries = trimmed.split(",").map((e) => e.trim());
    const wrong = entries.filter((e) => !isProxyAddress(e));
    if (wrong.length > 0) {
      ctx.addIssue({
        code: "custom",
        message:
          "must be the number of proxies in front of Samsyn (e.g. 1) or a comma list of their addresses or " +
          `CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16); not understood: ${wrong.map((w) => JSON.stringify(w)).join(", ")}`,
      });
      return z.NEVER;
    }
    return entries;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .default("file:./data/samsyn.sqlite")
      .refine((v) => /^(file:|postgres:\/\/|postgresql:\/\/)/.test(v), {
        message: "must start with file: (SQLite) or postgres:// (PostgreSQL)",
      }),
    APP_URL: z.string().url().optional(),
    SMTP_URL: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), { message: "must start with smtp:// or smtps://" })
      .optional(),
    /** Sender of outgoing e-mail; defaults to no-reply at APP_URL's host. */
    MAIL_FROM: z.string().min(3).optional(),
    /**
     * The server's secret for signed cookies (the device cookie of login throttling). Required in
     * production; elsewhere one is generated once and kept beside the database file.
     */
    SESSION_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)")
      .optional(),
    TRUST_PROXY: trustProxy,
    /** The audit log's MAC key (docs/decisions/0012-audit-chain.md); never stored in the database. */
    AUDIT_KEY: z
      .string()
      .min(32, { message: "must be at least 32 characters (e.g. `openssl rand -hex 32`)" })
      .optional(),
    /** A file holding the audit key, instead of AUDIT_KEY. */
    AUDIT_KEY_FILE: z.string().optional(),
    /** Where audit checkpoints are appended (JSON lines); defaults to the data directory. */
    AUDIT_CHECKPOINT_FILE: z.string().optional(),
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
    /**
     * "on": each instance runs the scheduled jobs (reminders, e-mail, digest); a lease in the
     * database makes each due job run once. "off" for deployments that run `npm run jobs -- --once` from cron.
     */
    SCHEDULER: z.enum(["on", "off"]).default("on"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)",
      });
    }
    if (env.AUDIT_KEY && env.AUDIT_KEY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_KEY_FILE"],
        message: "set either AUDIT_KEY or AUDIT_KEY_FILE, not both",
      });
    }
    // Without a key kept outside the database, whoever can write the database can rewrite the audit log.
    if (env.NODE_ENV === "production" && !env.AUDIT_KEY && !env.AUDIT_KEY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_KEY"],
        message:
          "required in production: set AUDIT_KEY (a secret of at least 32 characters, e.g. `openssl rand -hex 32`) " +
          "or AUDIT_KEY_FILE (a file holding it), kept outside the database",
      });
    }
  })
  .transform((env) => ({
    ...env,
    // Absolute links and the origin check use this; it defaults to the local server.
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  }));

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates the environment; throws an EnvError listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
