// Where to send a visitor back to after sign-in or the language switch. The value comes from
// the query string, so a phishing link controls it: only this app's own paths are followed.

const BASE = "http://samsyn.invalid";

function hasControlOrBackslash(value: string): boolean {
  return [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === "\\");
}

/** True when the path (as given, or after a decoding step) would name another host: "//x" or "/\x". */
function namesAnotherHost(path: string): boolean {
  return /^[/\\]{2}/.test(path);
}

/** Decodes percent-escapes until nothing changes (at most a few rounds), so double encoding cannot hide "//". */
function decodedForms(path: string): string[] {
  const forms = [path];
  let current = path;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * A safe in-app return path, or the fallback. The value is first normalised the way a browser
 * would resolve it (dot segments, "%2e" dots), and only the normalised result is judged: it must
 * be a same-origin absolute path that does not start with "//" or "/\", now or after decoding.
 * Control characters and backslashes are refused outright, since browsers drop or rewrite them
 * ("/\t/evil" becomes "//evil").
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/") || hasControlOrBackslash(value)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || hasControlOrBackslash(path)) return fallback;
  if (decodedForms(url.pathname).some(namesAnotherHost)) return fallback;
  return path;
}
