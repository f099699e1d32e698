import { errors, jwtVerify, SignJWT } from "jose";

const ISSUER = "mailflow";
const AUDIENCE = "mailflow-api";
const ALGORITHM = "HS256";

export interface SessionClaims {
  userId: string;
  sessionId: string;
  /** The user's tokenVersion when the token was issued; a later bump invalidates it. */
  tokenVersion: number;
}

/** Signs and verifies session JWTs. Algorithm, issuer and audience are pinned on verify. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: SessionClaims, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    const token = await new SignJWT({ sid: claims.sessionId, ver: claims.tokenVersion })
      .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Returns the claims of a valid token, or null for anything else (bad signature, alg, expiry, shape). */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ["sub", "exp", "iat"],
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.ver !== "number") {
        return null;
      }
      return { userId: payload.sub, sessionId: payload.sid, tokenVersion: payload.ver };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
