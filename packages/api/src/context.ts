import type { ApiDeps } from "./deps.ts";

/** What the HTTP edge tells the API about one request. Nothing here is trusted beyond what it says. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The raw `Authorization: Bearer` value, if any (a session JWT or an `mf_` API key). */
  bearer: string | null;
  /** The session cookie's value, if any. */
  sessionCookie: string | null;
}

/** Side effects on the HTTP response that procedures may ask for; the edge decides how. */
export interface ResponseControl {
  setSessionCookie(token: string, maxAgeSeconds: number): void;
  clearSessionCookie(): void;
  setHeader(name: string, value: string): void;
}

export interface Context {
  deps: ApiDeps;
  request: RequestInfo;
  response: ResponseControl;
}
