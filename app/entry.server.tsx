import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { I18nextProvider } from "react-i18next";
import { streamHtml } from "./lib/html-stream.server";
import { getLocale, i18nFor } from "./lib/i18n.server";
import { logError } from "./lib/log.server";
import { NonceProvider } from "./lib/nonce";

export { logError } from "./lib/log.server";
export { refusalPage } from "./lib/refusal-page.server";
export { startup } from "./lib/startup.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const i18n = i18nFor(await getLocale(request));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  const body = await streamHtml(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
    {
      nonce,
      waitForAll,
      abortAfterMs: ABORT_DELAY,
      onError(error, shellSent) {
        responseStatusCode = 500;
        if (shellSent) logError(error, request);
      },
    },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logError(error, request);
}
