import type { ApiRequest, MailflowBridge } from "../shared/bridge.ts";

declare global {
  interface Window {
    /** Provided by the preload (src/preload), or by the test harness in e2e/desktop. */
    mailflow: MailflowBridge;
  }
}

export const bridge = (): MailflowBridge => window.mailflow;

/**
 * A fetch for the typed API client that goes through the main process: it adds the token and calls the server.
 * The renderer itself has no network access (CSP connect-src 'self') and never holds the token.
 */
export const bridgeFetch: typeof fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const { pathname, search } = new URL(url, "app://mailflow");
  const request: ApiRequest = {
    path: `${pathname}${search}`,
    method: init?.method === "POST" ? "POST" : "GET",
    body: typeof init?.body === "string" ? init.body : null,
  };
  const response = await bridge().apiFetch(request);
  return new Response(response.body, {
    status: response.status,
    headers: response.contentType ? { "content-type": response.contentType } : {},
  });
};
