// One app instance as its own process, as on a second server behind a load balancer: the app's
// startup() (environment check, pending-migration refusal, audit checkpoints) and the HTTP edges
// of server.js around Remix, built from app/routes.ts without `npm run build`
// (test/http-server.ts). Started by test/instances.ts with the environment it should run under;
// prints its URL on a line of its own.
import { register } from "node:module";

register("./instance-hooks.mjs", import.meta.url);

const { startup } = await import("~/lib/startup.server");
const { startTestServer } = await import("./http-server");
const env = await startup();
const server = await startTestServer({ isProduction: true, appUrl: env.APP_URL });
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
