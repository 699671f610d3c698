// The HTTP server: security headers, the origin check and static files around
// the Remix request handler. Application logic lives in app/.
import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

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
try {
  const build = await loadBuild();
  env = await build.entry.module.startup();
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

app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": isProduction ? ["'self'"] : ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": isProduction ? ["'self'"] : ["'self'", "ws:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": appOrigin.startsWith("https:") ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Same-origin keeps the Origin header on our own form posts (no-referrer would send "null").
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: isProduction ? { maxAge: 63072000, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
  }),
);

// Cross-site request forgery: a state-changing request must come from this app.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const foreignOrigin = origin !== undefined && origin !== appOrigin;
  const foreignSite = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
  if (foreignOrigin || foreignSite) {
    res.status(403).type("text/plain; charset=utf-8").send("403 Förbjudet: begäran kom inte från Samsyn.");
    return;
  }
  next();
});

app.use(compression());

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

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

const server = app.listen(env.PORT, () => {
  console.log(`Samsyn is listening on ${env.APP_URL} (port ${env.PORT})`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
