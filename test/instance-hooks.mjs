// Node module hooks for an app instance started by test/instance.ts outside Vite: an asset
// imported with `?url` (the stylesheet) becomes its public path, as Vite's build makes it.
export async function resolve(specifier, context, next) {
  if (specifier.endsWith("?url")) return { url: `samsyn-asset:${specifier.slice(0, -4)}`, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith("samsyn-asset:")) {
    const name = url.slice("samsyn-asset:".length).split("/").pop();
    return { format: "module", source: `export default ${JSON.stringify(`/assets/${name}`)};`, shortCircuit: true };
  }
  return next(url, context);
}
