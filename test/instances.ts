// App instances as separate processes on the test file's own database (test/instance.ts), for the
// tests of several instances behind one load balancer and of a crash under load.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { auditKey } from "~/features/audit/key.server";

/** The origin every instance answers as, as behind a load balancer. */
export const APP_ORIGIN = "http://samsyn.test";
const SESSION_SECRET = "instances-share-one-session-secret-".padEnd(48, "x");
const STARTUP_TIMEOUT_MS = 60_000;

export interface Instance {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** kill -9: no shutdown, no flush, nothing after the signal. */
  crash(): Promise<void>;
}

export async function startInstance(dir: string, name: string): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve("test/instance.ts")], {
    cwd: resolve("."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL,
      APP_URL: APP_ORIGIN,
      SESSION_SECRET,
      AUDIT_KEY: auditKey().toString("utf8"),
      AUDIT_KEY_FILE: "",
      AUDIT_CHECKPOINT_FILE: join(dir, `checkpoints-${name}.jsonl`),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((done, failed) => {
    const timer = setTimeout(() => failed(new Error(`instance ${name} did not start: ${output}`)), STARTUP_TIMEOUT_MS);
    let first = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      first += chunk.toString();
      const line = /^(http:\/\/\S+)\n/m.exec(first);
      if (line) {
        clearTimeout(timer);
        done(line[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      failed(new Error(`instance ${name} exited ${code}: ${output}`));
    });
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals) => {
    if (exited()) return;
    const gone = once(child, "exit");
    child.kill(signal);
    await gone;
  };
  return { url, child, output: () => output, stop: () => kill("SIGTERM"), crash: () => kill("SIGKILL") };
}

/** A form POST as a browser sends it from the app's own pages. */
export function postForm(url: string, fields: Record<string, string>, cookie = ""): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      // As the load balancer passes them on: the public host, and the page's own origin.
      "X-Forwarded-Host": new URL(APP_ORIGIN).host,
      Origin: APP_ORIGIN,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

/** The session cookie a sign-in answered with, as the browser sends it back. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("samsyn_session="));
  if (!cookie) throw new Error(`no session cookie (HTTP ${response.status})`);
  return cookie.split(";")[0];
}
