// One-shot messages shown after a redirect ("Ändringarna är sparade.").
// They carry translation keys, never personal data.
import { createCookie } from "@remix-run/node";

export interface Flash {
  kind: "success" | "info" | "error";
  key: string;
  values?: Record<string, string>;
}

const flashCookie = createCookie("samsyn_flash", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export async function flashHeader(flash: Flash): Promise<string> {
  return flashCookie.serialize(flash);
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clearHeader: string | null }> {
  const value: unknown = await flashCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object" || !("key" in value)) return { flash: null, clearHeader: null };
  return { flash: value as Flash, clearHeader: await flashCookie.serialize("", { maxAge: 0 }) };
}

/** A redirect that shows a message on the next page. */
export async function redirectWithFlash(url: string, flash: Flash, init: { headers?: [string, string][] } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashHeader(flash));
  headers.set("Location", url);
  return new Response(null, { status: 303, headers });
}
