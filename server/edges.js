// The HTTP edges every request passes before Remix: security headers with a per-request CSP
// nonce, the methods the app answers, the origin check, the request-body guard, compression and
// static files. server.js and the tests that drive the app through HTTP (test/http-server.ts)
// assemble the server with this one function. docs/decisions/0001 and 0015 tell why.
import { randomBytes } from "node:crypto";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { formBodies } from "./request-body.js";

/** Browser features Samsyn never uses, turned off for the page and anything it could embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

const ALLOWED_METHODS = "GET, HEAD, POST";

/** The origins of the configured identity providers (OIDC_<KEY>_ISSUER), read once at start-up. */
function identityProviderOrigins() {
  return Object.entries(process.env).flatMap(([name, value]) => {
    if (!/^OIDC_[A-Z0-9_]+_ISSUER$/.test(name) || !value) return [];
    try {
      return [new URL(value).origin];
    } catch {
      return [];
    }
  });
}

/**
 * @typedef {(status: 400 | 403 | 405 | 413 | 415 | 500, cookieHeader: string | undefined) => Promise<string>} RefusalPage
 * @param {import("express").Express} app
 * @param {{
 *   appOrigin: string,
 *   isProduction: boolean,
 *   refusalPage: RefusalPage,
 *   staticFiles?: import("express").RequestHandler,
 *   clientBuildDir?: string,
 * }} options `staticFiles` replaces the built client files (Vite's middleware in development).
 */
export function useEdges(app, { appOrigin, isProduction, refusalPage, staticFiles, clientBuildDir = "build/client" }) {
  /** A short page in the user's language; never cached, like every dynamic answer. */
  const refuse = async (req, res, status) => {
    const html = await refusalPage(status, req.headers.cookie);
    if (status === 405) res.set("Allow", ALLOWED_METHODS);
    res.status(status).set("Cache-Control", "no-store").type("html").send(html);
  };

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
          // A sign-in form or logout may redirect to the organisation's identity provider
          // (docs/decisions/0019-e-legitimation-and-second-factor.md); browsers check form-action on redirects.
          "form-action": ["'self'", ...identityProviderOrigins()],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
          "upgrade-insecure-requests": appOrigin.startsWith("https:") ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // Same-origin keeps the Origin header on our own form posts (no-referrer would send "null").
      referrerPolicy: { policy: "same-origin" },
      // HSTS only where the app is really served over https: it would lock browsers out of an http install.
      strictTransportSecurity: appOrigin.startsWith("https:") ? { maxAge: 63072000, includeSubDomains: true } : false,
      xFrameOptions: { action: "deny" },
    }),
  );

  app.use((req, res, next) => {
    res.set("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  // Only GET, HEAD and POST reach Remix: it would run an action for any other method. No CORS either.
  app.use((req, res, next) => {
    if (req.method === "OPTIONS") {
      res.set("Allow", ALLOWED_METHODS).set("Cache-Control", "no-store").status(204).end();
      return;
    }
    if (!ALLOWED_METHODS.split(", ").includes(req.method)) return void refuse(req, res, 405).catch(next);
    next();
  });

  // Cross-site request forgery: a state-changing request must come from this app.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const foreignOrigin = origin !== undefined && origin !== appOrigin;
    const foreignSite = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
    if (foreignOrigin || foreignSite) return void refuse(req, res, 403).catch(next);
    next();
  });

  app.use(formBodies({ refuse }));

  app.use(compression());

  if (staticFiles) {
    app.use(staticFiles);
  } else {
    // Static files keep their caching: fingerprinted assets forever, the rest for an hour.
    app.use("/assets", express.static(`${clientBuildDir}/assets`, { immutable: true, maxAge: "1y" }));
    app.use(express.static(clientBuildDir, { maxAge: "1h" }));
  }
}

/**
 * The last handler, after Remix's: an error that escaped everything else is logged without query
 * string or body (app/lib/log.server.ts) and answered with a short page, never a stack trace.
 * @param {import("express").Express} app
 * @param {{ refusalPage: RefusalPage, logError: (error: unknown, request: { method: string, url: string }) => void }} options
 */
export function useErrorPage(app, { refusalPage, logError }) {
  // Express tells error handlers by their four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((error, req, res, next) => {
    logError(error, { method: req.method, url: `http://app${req.path}` });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    refusalPage(500, req.headers.cookie)
      .catch(() => "500")
      .then((html) => res.status(500).set("Cache-Control", "no-store").type("html").send(html));
  });
}
