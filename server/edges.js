// The HTTP edges every request passes before Remix: security headers with a per-request
// CSP nonce, the origin check, compression and static files. server.js and the tests that
// drive the app through HTTP (test/http-server.ts) assemble the server with this one function.
import { randomBytes } from "node:crypto";
import compression from "compression";
import express from "express";
import helmet from "helmet";

/**
 * @param {import("express").Express} app
 * @param {{ appOrigin: string, isProduction: boolean, staticFiles?: import("express").RequestHandler }} options
 */
export function useEdges(app, { appOrigin, isProduction, staticFiles }) {
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
          "script-src": ["'self'", (req, res) => `'nonce-${/** @type {any} */ (res).locals.cspNonce}'`],
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

  if (staticFiles) {
    app.use(staticFiles);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }
}
