// The dashboard's session is an httpOnly cookie, so every state-changing call also carries a CSRF token, fetched
// once from the server (which keeps its secret in another httpOnly cookie) and reused.
let pending: Promise<string> | null = null;

export function csrfToken(): Promise<string> {
  pending ??= fetch("/api/csrf", { credentials: "same-origin" })
    .then(async (response) => {
      if (!response.ok) throw new Error("Could not start a secure session with the server.");
      return ((await response.json()) as { token: string }).token;
    })
    .catch((error: unknown) => {
      pending = null; // try again on the next call
      throw error;
    });
  return pending;
}
