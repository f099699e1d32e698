import type { RequestInfo } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { looksLikeApiKey } from "./api-key-format.ts";

export type Principal =
  | { kind: "user"; userId: string; sessionId: string }
  | { kind: "apiKey"; apiKeyId: string; userId: string; workspaceId: string };

const unauthenticated = () => new AppError("UNAUTHENTICATED", "Please sign in again.");

/**
 * Who is calling. A Bearer header wins over the cookie and is never silently ignored: a bad Bearer is a 401,
 * not a fall-back to whatever cookie the browser also sent.
 */
export async function resolvePrincipal(deps: ApiDeps, request: RequestInfo): Promise<Principal> {
  if (request.bearer && looksLikeApiKey(request.bearer)) {
    const identity = await deps.apiKeys.authenticate(request.bearer);
    if (!identity) throw new AppError("UNAUTHENTICATED", "This API key is invalid or has been revoked.");
    return { kind: "apiKey", ...identity };
  }
  const token = request.bearer ?? request.sessionCookie;
  if (!token) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const claims = await deps.sessionTokens.verify(token);
  if (!claims) throw unauthenticated();
  const session = await deps.db.session.findUnique({
    where: { id: claims.sessionId },
    select: { userId: true, expiresAt: true, revokedAt: true, user: { select: { tokenVersion: true } } },
  });
  const valid =
    session &&
    session.userId === claims.userId &&
    !session.revokedAt &&
    session.expiresAt > new Date() &&
    // The user is read by a second query: an account deleted in between comes back as null, not as a valid session.
    session.user?.tokenVersion === claims.tokenVersion;
  if (!valid) throw unauthenticated();
  return { kind: "user", userId: claims.userId, sessionId: claims.sessionId };
}
