import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for the inline scripts the Content-Security-Policy allows (server.js). */
    cspNonce: string;
    /** The client's address, for the per-IP sign-in limit (behind a proxy only with TRUST_PROXY=1). */
    clientIp: string;
  }
}
