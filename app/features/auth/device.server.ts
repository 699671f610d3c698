// The device cookie (docs/decisions/0011-login-throttling.md): after a successful sign-in the
// browser gets a token that says "this browser has signed in to this account before". It is
// signed with the server's secret, names the account, and lets a correct password through
// while the account is under attack. It is no credential by itself: the password is still checked.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { encodeBase32LowerCaseNoPadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { getEnv } from "~/lib/env.server";
import { keyFor } from "./secret.server";

/** A shared computer may remember a few accounts; the oldest is forgotten first. */
const MAX_TOKENS = 5;
const ONE_YEAR_S = 365 * 24 * 60 * 60;

function mac(userId: string, nonce: string): string {
  return encodeBase64urlNoPadding(createHmac("sha256", keyFor("device-cookie")).update(`${userId}.${nonce}`).digest());
}

/** A new token for the account: `<user id>.<random>.<MAC>`. */
export function issueDeviceToken(userId: string): string {
  const nonce = encodeBase32LowerCaseNoPadding(randomBytes(16));
  return `${userId}.${nonce}.${mac(userId, nonce)}`;
}

/** The token's random part when it is genuine and was issued for this account; otherwise null. */
export function verifyDeviceToken(token: string, userId: string): string | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== userId || !/^[a-z0-9]{16,64}$/.test(parts[1])) return null;
  const expected = Buffer.from(mac(userId, parts[1]));
  const given = Buffer.from(parts[2]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? parts[1] : null;
}

function deviceCookie() {
  const secure = getEnv().APP_URL.startsWith("https:");
  // Path "/": Remix posts the sign-in form to "/login.data", which a "/login" path would not match.
  return createCookie(secure ? "__Host-samsyn_device" : "samsyn_device", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: ONE_YEAR_S,
  });
}

export async function readDeviceTokens(request: Request): Promise<string[]> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, MAX_TOKENS) : [];
}

/** The cookie with this account's token first, the browser's other accounts after it. */
export async function deviceCookieHeader(existing: string[], token: string): Promise<string> {
  const userId = token.split(".")[0];
  const others = existing.filter((t) => t.split(".")[0] !== userId);
  return deviceCookie().serialize([token, ...others].slice(0, MAX_TOKENS));
}
