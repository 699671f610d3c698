// Remix's Express adapter (@remix-run/express, whose helpers are not public), with two differences:
// the request body is the one server/request-body.js read and checked, so no route ever parses a
// body the edge refused; and every response Remix makes is marked `Cache-Control: no-store`, since
// pages, exports and data requests carry personal data or deviation text. Static files are served
// before this handler and keep their own caching.
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
} from "@remix-run/node";

/**
 * @param {{ build: any, getLoadContext?: (req: any, res: any) => unknown, mode?: string }} options
 * @returns {import("express").RequestHandler}
 */
export function createRequestHandler({ build, getLoadContext, mode = process.env.NODE_ENV }) {
  const handleRequest = createRemixRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      const loadContext = await getLoadContext?.(req, res);
      const response = await handleRequest(request, loadContext);
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function createRemixRequest(req, res) {
  // As the adapter does: req.hostname respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const port = [req.get("X-Forwarded-Host"), req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value ? [value] : []) headers.append(name, v);
  }
  let controller = new AbortController();
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = req.formBody ?? createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions once no response can be written (close without finish).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  res.set("Cache-Control", "no-store");
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
