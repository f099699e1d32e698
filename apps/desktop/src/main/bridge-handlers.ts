import { createApiClient, describeApiError } from "@mailflow/api-client";
import {
  type ApiResponse,
  apiRequestSchema,
  type DesktopSession,
  type MailflowBridge,
  type SignInResult,
  signInSchema,
} from "../shared/bridge.ts";
import type { StoredSession, TokenStore } from "./token-store.ts";

type Fetch = typeof fetch;

/**
 * What the main process does for each bridge call, as plain functions of a token store and a fetch: the Electron
 * app wires them to IPC (ipc.ts), the end-to-end harness calls them directly, so both run this code.
 * Every input from the renderer is validated here; the token never goes back to the renderer.
 */
export function createBridgeHandlers(deps: { store: TokenStore; fetch: Fetch }): MailflowBridge {
  const { store } = deps;
  const clientFor = (serverUrl: string, token: string | null) =>
    createApiClient({ url: serverUrl, getToken: () => token, fetch: deps.fetch });
  const publicView = (s: StoredSession): DesktopSession => ({
    serverUrl: s.serverUrl,
    method: s.method,
    label: s.label,
  });

  return {
    async session() {
      const current = store.load();
      return current ? publicView(current) : null;
    },

    async signIn(raw): Promise<SignInResult> {
      const parsed = signInSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Check the form." };
      const input = parsed.data;
      try {
        let token: string;
        if (input.method === "password") {
          const result = await clientFor(input.serverUrl, null).auth.logIn.mutate({
            email: input.email,
            password: input.password,
            transport: "bearer",
          });
          if (!result.token) return { ok: false, message: "The server did not issue a token." };
          token = result.token;
        } else {
          token = input.apiKey;
        }
        const who = await clientFor(input.serverUrl, token).auth.whoami.query();
        const label = who.kind === "user" ? who.email : `API key · ${who.workspace.name}`;
        const session: StoredSession = { serverUrl: input.serverUrl, method: input.method, label, token };
        store.save(session);
        return { ok: true, session: publicView(session) };
      } catch (error) {
        return { ok: false, message: describeApiError(error) };
      }
    },

    async signOut() {
      const current = store.load();
      store.clear();
      // A session token is revoked on the server too; an API key stays valid (revoke it in the key list).
      if (current?.method === "password")
        await clientFor(current.serverUrl, current.token)
          .auth.logOut.mutate()
          .catch(() => {});
    },

    async apiFetch(raw): Promise<ApiResponse> {
      const request = apiRequestSchema.parse(raw);
      const current = store.load();
      if (!current) return { status: 401, contentType: "application/json", body: unauthenticatedBody(request.path) };
      const response = await deps.fetch(`${current.serverUrl}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${current.token}`,
          ...(request.body === null ? {} : { "content-type": "application/json" }),
        },
        ...(request.body === null ? {} : { body: request.body }),
      });
      return {
        status: response.status,
        contentType: response.headers.get("content-type"),
        body: await response.text(),
      };
    },
  };
}

/**
 * tRPC's error envelope, so the renderer's client reports "sign in" like any refused call: one per procedure of a
 * batched request (`/trpc/a.b,c.d?batch=1`), as the server itself would answer.
 */
function unauthenticatedBody(path: string): string {
  const envelope = {
    error: { json: { message: "Please sign in.", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } } },
  };
  const url = new URL(path, "https://server.invalid");
  if (url.searchParams.get("batch") !== "1") return JSON.stringify(envelope);
  const procedures = url.pathname.slice("/trpc/".length).split(",");
  return JSON.stringify(procedures.map(() => envelope));
}
