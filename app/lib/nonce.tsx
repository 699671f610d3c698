import { createContext, useContext } from "react";

// The CSP nonce travels from server.js through the load context to the scripts Remix renders.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
