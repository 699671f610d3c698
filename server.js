// The HTTP server: security headers, the origin check, the request-body guard and static files
// (server/edges.js) around the Remix request handler. Application logic lives in app/.
import express from "express";
import { useEdges, useErrorPage } from "./server/edges.js";
import { createRequestHandler } from "./server/remix-handler.js";

const isProduction = process.env.NODE_ENV === "production";

const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

async function loadBuild() {
  return viteDevServer ? viteDevServer.ssrLoadModule("virtual:remix/server-build") : import("./build/server/index.js");
}

// Validates the environment and refuses to start on an unmigrated database,
// with a readable message instead of a stack trace.
let env;
let refusalPage;
let logError;
try {
  const build = await loadBuild();
  env = await build.entry.module.startup();
  ({ refusalPage, logError } = build.entry.module);
} catch (error) {
  console.error(`Samsyn cannot start.\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const appOrigin = new URL(env.APP_URL).origin;
const app = express();
app.disable("x-powered-by");
// TRUST_PROXY (validated in app/lib/env.server.ts): a hop count or the proxies' addresses, so
// req.ip is the right-most address in X-Forwarded-For that no trusted proxy wrote.
app.set("trust proxy", env.TRUST_PROXY);

useEdges(app, { appOrigin, isProduction, refusalPage, staticFiles: viteDevServer?.middlewares });

app.all(
  "*",
  createRequestHandler({
    build: viteDevServer ? loadBuild : await loadBuild(),
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip || req.socket.remoteAddress || "unknown",
    }),
  }),
);

useErrorPage(app, { refusalPage, logError });

const server = app.listen(env.PORT, () => {
  console.log(`Samsyn is listening on ${env.APP_URL} (port ${env.PORT})`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
