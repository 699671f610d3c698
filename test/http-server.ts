// The app as the browser meets it, in-process: the same HTTP edges server.js installs
// (server/edges.js) around Remix's request handler, with a server build assembled from
// app/routes.ts and the route modules themselves. No `npm run build` needed, and a new
// route in routes.ts is served here the moment it exists.
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import type { RouteConfigEntry } from "@remix-run/route-config";
import express, { type Request, type Response } from "express";
import routeConfig from "~/routes";
import { logError } from "~/lib/log.server";
import { refusalPage } from "~/lib/refusal-page.server";
import { useEdges, useErrorPage } from "../server/edges.js";
import { createRequestHandler } from "../server/remix-handler.js";

export interface RouteEntry {
  id: string;
  parentId: string;
  /** The path relative to the parent, as routes.ts says it. */
  path?: string;
  /** The full URL pattern, e.g. `/plans/:planId`. */
  pattern: string;
  index?: boolean;
  caseSensitive?: boolean;
  module: ServerRoute["module"];
}

type ServerRoute = ServerBuild["routes"][string];

/** Every route in app/routes.ts with its module; ids as Remix's Vite plugin makes them. */
export async function loadRoutes(): Promise<RouteEntry[]> {
  const entries: RouteEntry[] = [];
  const walk = async (route: RouteConfigEntry, parentId: string, parentPattern: string) => {
    const id = route.id ?? route.file.replace(/\.[^/.]+$/, "");
    const pattern = route.path ? `${parentPattern}/${route.path}` : parentPattern;
    const module = (await import(`../app/${route.file}`)) as ServerRoute["module"];
    entries.push({ ...route, id, parentId, pattern: pattern || "/", module });
    for (const child of route.children ?? []) await walk(child, id, pattern);
  };
  for (const route of routeConfig) await walk(route, "root", "");
  return entries;
}

export async function serverBuild(): Promise<ServerBuild> {
  const root = (await import("~/root")) as unknown as ServerRoute["module"];
  const entryServer = (await import("~/entry.server")) as unknown as ServerBuild["entry"]["module"];
  const routes: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: root },
  };
  for (const { id, parentId, path, index, caseSensitive, module } of await loadRoutes()) {
    routes[id] = { id, parentId, path, index, caseSensitive, module } as ServerRoute;
  }
  const manifestRoutes = Object.fromEntries(
    Object.values(routes).map((r) => [
      r.id,
      {
        id: r.id,
        parentId: r.parentId,
        path: r.path,
        index: r.index,
        caseSensitive: r.caseSensitive,
        hasAction: typeof r.module.action === "function",
        hasLoader: typeof r.module.loader === "function",
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: typeof r.module.ErrorBoundary === "function",
        module: `/assets/${r.id}.js`,
        imports: [],
        css: [],
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: entryServer },
    routes,
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [] },
      routes: manifestRoutes,
      url: "/assets/manifest-test.js",
      version: "test",
    },
    assetsBuildDirectory: "build/client",
    publicPath: "/",
    basename: "/",
    isSpaMode: false,
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_routeConfig: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
    },
  } as unknown as ServerBuild;
}

export interface TestServer {
  /** e.g. http://localhost:41234, also the app's origin for the origin check. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the app on a free port. `isProduction` toggles what server.js toggles with NODE_ENV;
 * `appUrl` is APP_URL (the origin check and HSTS follow it).
 */
export async function startTestServer({
  isProduction = true,
  appUrl = process.env.APP_URL,
  clientBuildDir,
  getLoadContext = (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
}: {
  isProduction?: boolean;
  appUrl?: string;
  clientBuildDir?: string;
  /** As server.js builds it, unless a test needs it to fail. */
  getLoadContext?: (req: Request, res: Response) => unknown;
} = {}): Promise<TestServer> {
  const build = await serverBuild();
  const app = express();
  app.disable("x-powered-by");
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  useEdges(app, { appOrigin: new URL(appUrl ?? url).origin, isProduction, refusalPage, clientBuildDir });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext,
    }),
  );
  useErrorPage(app, { refusalPage, logError });
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
