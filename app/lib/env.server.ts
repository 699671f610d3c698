import { z } from "zod";

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
  })
  .superRefine((env, ctx) => {
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
