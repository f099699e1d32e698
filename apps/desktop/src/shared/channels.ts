/** The IPC channel of each bridge function (kept apart from the schemas so the preload bundles no zod). */
export const channels = {
  session: "mailflow:session",
  signIn: "mailflow:sign-in",
  signOut: "mailflow:sign-out",
  apiFetch: "mailflow:api-fetch",
} as const;
