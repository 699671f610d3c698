import { Transform } from "node:stream";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

/**
 * The stream React's HTML goes out through, which drops every NUL byte.
 *
 * Why: React 18's Node renderer (react-dom/server, `writeStringChunk`) collects output in a
 * 2 048-byte view and fills it with `TextEncoder.encodeInto`. When the next character is
 * multi-byte (å, ä, ö, –, ”) and does not fit in what is left of the view, `encodeInto` stops
 * short and React flushes the *whole* view, so the 1–3 bytes it never wrote go out as zeros
 * (facebook/react#26228, fixed only in React 19). The text itself is complete; the zeros are
 * extra. In UTF-8 the byte 0x00 is only ever the character U+0000, never part of another
 * character, and U+0000 has no place in an HTML page, so removing every 0x00 byte restores
 * exactly what React meant to write (and drops any NUL that old data might still hold).
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

export interface StreamHtmlOptions {
  nonce?: string;
  /** Wait for every Suspense boundary (bots, SPA mode) instead of streaming from the shell. */
  waitForAll?: boolean;
  /** Stop rendering what has not resolved after this many milliseconds. */
  abortAfterMs?: number;
  /** Rendering errors; `shellSent` tells whether the response had started. */
  onError?: (error: unknown, shellSent: boolean) => void;
}

/** Renders `element` as a stream of HTML bytes, resolved once the shell (or everything) is ready. */
export function streamHtml(
  element: ReactNode,
  { nonce, waitForAll = false, abortAfterMs, onError }: StreamHtmlOptions = {},
): Promise<Transform> {
  return new Promise((resolve, reject) => {
    let shellSent = false;
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellSent = true;
        const body = withoutNulBytes();
        resolve(body);
        pipe(body);
      },
      onShellError: reject,
      onError(error: unknown) {
        onError?.(error, shellSent);
      },
    });
    if (abortAfterMs !== undefined) setTimeout(abort, abortAfterMs);
  });
}
