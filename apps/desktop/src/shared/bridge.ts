// The whole contract between the renderer and the main process: the preload exposes exactly these functions as
// `window.mailflow` (contextBridge), each one IPC channel validated with these schemas in the main process. The
// renderer never sees the session token or an API key: the main process keeps it (safeStorage) and attaches it to
// the requests it makes on the renderer's behalf.
import { z } from "zod";

export { channels } from "./channels.ts";

/** The server must be HTTPS: the token travels with every request. */
export const serverUrlSchema = z
  .url({ protocol: /^https$/, error: "Enter the server's https:// address." })
  .transform((url) => new URL(url).origin);

export const signInSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("password"),
    serverUrl: serverUrlSchema,
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(1024),
  }),
  z.strictObject({
    method: z.literal("apiKey"),
    serverUrl: serverUrlSchema,
    apiKey: z
      .string()
      .trim()
      .regex(/^mf_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/, "That is not a MailFlow API key."),
  }),
]);
export type SignInInput = z.input<typeof signInSchema>;

/** Only the API's paths: the renderer cannot make the main process fetch anything else (no SSRF through IPC). */
export const apiRequestSchema = z.strictObject({
  path: z
    .string()
    .max(8192)
    .regex(/^\/trpc\/[A-Za-z0-9.,]+(\?.*)?$/, "Only API calls are allowed."),
  method: z.enum(["GET", "POST"]),
  body: z
    .string()
    .max(2 * 1024 * 1024)
    .nullable(),
});
export type ApiRequest = z.infer<typeof apiRequestSchema>;

export interface ApiResponse {
  status: number;
  body: string;
  contentType: string | null;
}

export interface DesktopSession {
  serverUrl: string;
  method: "password" | "apiKey";
  /** Who is signed in, as the server said at sign-in. */
  label: string;
}

export type SignInResult = { ok: true; session: DesktopSession } | { ok: false; message: string };

/** `window.mailflow` in the renderer. */
export interface MailflowBridge {
  session(): Promise<DesktopSession | null>;
  signIn(input: SignInInput): Promise<SignInResult>;
  signOut(): Promise<void>;
  apiFetch(request: ApiRequest): Promise<ApiResponse>;
}
