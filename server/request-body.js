// Request bodies, read once at the edge so that no route ever sees one the app cannot handle.
// Samsyn's forms post application/x-www-form-urlencoded (multipart/form-data is accepted too);
// anything else is refused with 415 before a byte is read, a body over the limit with 413 as
// soon as it is known to be too big (never after reading it all), and a form body that cannot
// be parsed with 400. NUL characters are taken out of every text the app accepts: they are
// never meaningful in Samsyn's texts, and tools that store or print text cut it at a NUL.
// docs/decisions/0015-bad-input-and-headers.md tells why.

/** Form bodies larger than this are refused: no Samsyn form comes near it. */
export const FORM_BODY_LIMIT = 1024 * 1024;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const READ_ONLY_METHODS = new Set(["GET", "HEAD"]);
/** After a refusal the rest of the body is discarded for at most this long, so the client reads the answer. */
const LINGER_MS = 2_000;

/** "multipart/form-data; boundary=x" → "multipart/form-data" */
export function mediaType(header) {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

/** The text with every NUL character removed. */
export function withoutNul(text) {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

/**
 * Express middleware: reads the body of every POST into `req.formBody` (a Buffer), refusing what the
 * app cannot take through `refuse(req, res, status)`. Also strips encoded NULs from every query string.
 * @param {{ limit?: number, refuse: (req: any, res: any, status: number) => Promise<void> }} options
 */
export function formBodies({ limit = FORM_BODY_LIMIT, refuse }) {
  return (req, res, next) => {
    guard(req, res, next, limit, refuse).catch(next);
  };
}

async function guard(req, res, next, limit, refuse) {
  stripNulFromQuery(req);
  if (READ_ONLY_METHODS.has(req.method)) return next();

  const declared = req.headers["content-length"];
  if (declared !== undefined && !(Number(declared) <= limit)) return refuseUnread(req, res, 413, refuse);
  const type = mediaType(req.headers["content-type"]);
  if (!FORM_TYPES.has(type)) return refuseUnread(req, res, 415, refuse);

  let raw;
  try {
    raw = await readAtMost(req, limit);
  } catch {
    // The client went away mid-body; there is nobody to answer.
    return;
  }
  if (raw === null) return refuseUnread(req, res, 413, refuse);

  try {
    const body = await cleanFormBody(raw, req.headers["content-type"]);
    req.formBody = body.raw;
    req.headers["content-type"] = body.contentType;
    req.headers["content-length"] = String(body.raw.length);
    delete req.headers["transfer-encoding"];
  } catch {
    return refuse(req, res, 400);
  }
  next();
}

function stripNulFromQuery(req) {
  const q = req.url.indexOf("?");
  if (q < 0 || !/%00/i.test(req.url.slice(q))) return;
  const clean = (url) => {
    const at = url.indexOf("?");
    return at < 0 ? url : url.slice(0, at) + url.slice(at).replace(/%00/gi, "");
  };
  req.url = clean(req.url);
  req.originalUrl = clean(req.originalUrl);
}

/** The whole body, or null as soon as it is longer than `limit` (the rest is left unread). */
function readAtMost(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error("aborted"));
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

/**
 * Answers at once, then throws away what is still arriving (never storing it) so the client can read
 * the answer instead of a reset connection; a client that keeps sending is cut off after LINGER_MS.
 */
async function refuseUnread(req, res, status, refuse) {
  if (!req.complete) {
    const cutOff = setTimeout(() => req.socket.destroy(), LINGER_MS);
    cutOff.unref();
    req.on("end", () => clearTimeout(cutOff));
    req.on("close", () => clearTimeout(cutOff));
    req.resume();
  }
  await refuse(req, res, status);
}

/** The body as the app will read it: parsed once to prove it is a form, NULs removed. Throws when it is not a form. */
async function cleanFormBody(raw, contentType) {
  if (mediaType(contentType) === "application/x-www-form-urlencoded") {
    if (!raw.includes(0) && !/%00/i.test(raw.toString("latin1"))) return { raw, contentType };
    const params = new URLSearchParams(raw.toString("utf8"));
    const clean = new URLSearchParams();
    for (const [name, value] of params) clean.append(withoutNul(name), withoutNul(value));
    return { raw: Buffer.from(clean.toString()), contentType };
  }
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  let changed = false;
  const clean = new FormData();
  for (const [name, value] of form) {
    const cleanName = withoutNul(name);
    const cleanValue = typeof value === "string" ? withoutNul(value) : value;
    changed ||= cleanName !== name || cleanValue !== value;
    clean.append(cleanName, cleanValue);
  }
  if (!changed) return { raw, contentType };
  const encoded = new Response(clean);
  return { raw: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type") };
}
