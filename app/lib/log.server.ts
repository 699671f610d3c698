/**
 * Server log lines. They name the method and route path, never query strings,
 * form bodies or identity numbers: personal data stays out of logs.
 */
const IDENTITY_NUMBER = /\b(\d{2})?\d{6}[-+]?\d{4}\b/g;

export function redact(text: string): string {
  return text.replace(IDENTITY_NUMBER, "[redacted]");
}

export function logError(error: unknown, request?: Pick<Request, "method" | "url">): void {
  const where = request ? `${request.method} ${new URL(request.url).pathname}` : "";
  const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  console.error(redact(`[samsyn] error ${where}\n${message}`));
}
