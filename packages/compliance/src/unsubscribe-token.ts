import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payloadSchema = z.object({ v: z.literal(1), w: z.uuid(), e: z.email() });
export type UnsubscribePayload = { workspaceId: string; email: string };

/**
 * Tokens for the one-click unsubscribe link (RFC 8058): the workspace and address, signed with HMAC-SHA256 under a
 * key derived (HKDF) from a server secret for this purpose only. Unguessable and unforgeable; it needs no cookie and
 * no login, and it only ever suppresses the address it names.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    this.key = Buffer.from(hkdfSync("sha256", masterSecret, "mailflow", "mailflow unsubscribe token v1", 32));
  }

  /** The one-click link for the message footer and List-Unsubscribe: `<publicUrl>/u/<token>`. */
  link(publicUrl: string, payload: UnsubscribePayload): string {
    return new URL(`/u/${this.sign(payload)}`, publicUrl).toString();
  }

  sign(payload: UnsubscribePayload): string {
    const body = Buffer.from(JSON.stringify({ v: 1, w: payload.workspaceId, e: payload.email.toLowerCase() })).toString(
      "base64url",
    );
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string): UnsubscribePayload | null {
    const [body, mac, extra] = token.split(".");
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
      return parsed.success ? { workspaceId: parsed.data.w, email: parsed.data.e } : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
