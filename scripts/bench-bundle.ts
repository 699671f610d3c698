// The JavaScript each page sends, from the build's asset manifest: the client entry and its
// imports, the Remix manifest, and every route module (with imports) from the root down to the
// page's route, each file counted once, gzip-compressed as the server sends it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

interface RouteAsset {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  imports?: string[];
}
interface AssetsManifest {
  url: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, RouteAsset>;
}

export interface PageScript {
  route: string;
  path: string;
  gzipBytes: number;
}

/** Client files that carry a schema library (zod): forms are validated on the server (decision 0009). */
export function schemaLibraryFiles(buildDir = resolve("build")): string[] {
  const dir = join(buildDir, "client/assets");
  return readdirSync(dir).filter(
    (f) => f.endsWith(".js") && /ZodError|invalid_type_error/.test(readFileSync(join(dir, f), "utf8")),
  );
}

export async function pageScripts(buildDir = resolve("build")): Promise<PageScript[]> {
  const server = (await import(pathToFileURL(join(buildDir, "server/index.js")).href)) as { assets: AssetsManifest };
  const { assets } = server;
  const sizes = new Map<string, number>();
  const gz = (url: string) => {
    let size = sizes.get(url);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(buildDir, "client", url))).length;
      sizes.set(url, size);
    }
    return size;
  };
  // The page's locale is fetched before hydration (app/lib/i18n.ts) but is no static import, so
  // it is found by its content; the larger locale is counted.
  const assetsDir = join(buildDir, "client/assets");
  const locales = readdirSync(assetsDir)
    .filter((f) => f.endsWith(".js") && readFileSync(join(assetsDir, f), "utf8").includes("skipToContent:"))
    .map((f) => `/assets/${f}`);
  const localeBytes = Math.max(0, ...locales.map(gz));
  const pages: PageScript[] = [];
  for (const route of Object.values(assets.routes)) {
    // Resource routes (.ts files: CSV, calendar, redirects) answer without a page.
    if (route.id === "root" || !existsSync(resolve("app", `${route.id}.tsx`))) continue;
    const files = new Set([assets.url, assets.entry.module, ...assets.entry.imports]);
    const chain: RouteAsset[] = [];
    for (let r: RouteAsset | undefined = route; r; r = r.parentId ? assets.routes[r.parentId] : undefined) {
      chain.unshift(r);
    }
    for (const r of chain) for (const file of [r.module, ...(r.imports ?? [])]) files.add(file);
    const path =
      "/" +
      chain
        .map((r) => r.path ?? "")
        .filter(Boolean)
        .join("/");
    pages.push({
      route: route.id,
      path,
      gzipBytes: localeBytes + [...files].reduce((sum, f) => sum + (locales.includes(f) ? 0 : gz(f)), 0),
    });
  }
  return pages.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
