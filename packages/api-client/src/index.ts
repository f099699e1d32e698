// The typed client for MailFlow's API: the web dashboard, the desktop app, the end-to-end tests and integrations
// all talk to the server through this one function, so every call is checked against the server's router type.
import type { AppRouter } from "@mailflow/api";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";

export type { AppRouter, RouterInputs, RouterOutputs } from "@mailflow/api";
export { appCodeOf, describeApiError, fieldErrorsOf } from "./errors.ts";

export type ApiClient = TRPCClient<AppRouter>;

export interface ApiClientOptions {
  /** The server's origin, e.g. "https://mailflow.example.com" ("" for the page's own origin in a browser). */
  url: string;
  /** A Bearer token (session JWT or API key) for clients that are not a browser tab with cookies. */
  getToken?: () => string | null | Promise<string | null>;
  /** The browser's CSRF token, sent on every request that may change state (cookie sessions only). */
  getCsrfToken?: () => Promise<string | null>;
  /** Send cookies (the web dashboard's session) with each request. */
  withCookies?: boolean;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createTRPCClient<AppRouter>({ links: [apiLink(options)] });
}

/** The one link both the vanilla client and the React provider use. */
export function apiLink(options: ApiClientOptions) {
  const baseFetch = options.fetch ?? globalThis.fetch;
  return httpBatchLink<AppRouter>({
    url: `${options.url.replace(/\/$/, "")}/trpc`,
    transformer: superjson,
    // Batches stay well under the server's URL and body limits.
    maxURLLength: 4000,
    headers: async () => {
      const headers: Record<string, string> = {};
      const token = await options.getToken?.();
      if (token) headers.authorization = `Bearer ${token}`;
      const csrf = await options.getCsrfToken?.();
      if (csrf) headers["x-csrf-token"] = csrf;
      return headers;
    },
    fetch: (input, init) =>
      baseFetch(input as Parameters<typeof fetch>[0], {
        ...(init as RequestInit),
        credentials: options.withCookies ? "same-origin" : "omit",
      }),
  });
}
