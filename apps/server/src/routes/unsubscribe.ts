import { record } from "@mailflow/audit";
import { erasedHashOf, type UnsubscribeTokens, unsubscribeAddress } from "@mailflow/compliance";
import type { RegionalDbs } from "@mailflow/db";
import { escapeHtml } from "@mailflow/engine";
import { emitWebhookEvent } from "@mailflow/webhooks";
import type { FastifyInstance, FastifyReply } from "fastify";

export const UNSUBSCRIBE_PATH_PREFIX = "/u/";

/** "ada@example.com" -> "a**@example.com": enough for the recipient to recognise, little for anyone else. */
const masked = (email: string) => {
  const [local, domain] = [email.slice(0, email.lastIndexOf("@")), email.slice(email.lastIndexOf("@") + 1)];
  return `${local.slice(0, 1)}${"*".repeat(Math.max(1, Math.min(local.length - 1, 6)))}@${domain}`;
};

/** A plain page: no script, no inline style, so the strict CSP holds here too. */
function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

/**
 * One-click unsubscribe (RFC 8058). The link in List-Unsubscribe carries a signed token naming the workspace and
 * the address. POST (what mail providers send: `List-Unsubscribe=One-Click`, urlencoded or multipart) suppresses
 * the address at once, with no cookie and no login, answering 200 without a redirect; repeating it is harmless.
 * GET never changes anything: it shows a page with a button that POSTs.
 */
export async function registerUnsubscribe(
  app: FastifyInstance,
  deps: { regions: RegionalDbs; tokens: UnsubscribeTokens },
) {
  await app.register(async (scope) => {
    // The body's content does not matter (RFC 8058 fixes it); accept the forms providers use, small.
    scope.addContentTypeParser(
      ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"],
      { parseAs: "string", bodyLimit: 4096 },
      (_request, body, done) => done(null, body),
    );

    const invalid = (reply: FastifyReply) =>
      page(
        reply,
        400,
        "This unsubscribe link is not valid",
        "<p>The link may have been cut or changed. Please use the link from the email.</p>",
      );

    scope.get<{ Params: { token: string } }>(`${UNSUBSCRIBE_PATH_PREFIX}:token`, async (request, reply) => {
      const payload = deps.tokens.verify(request.params.token);
      if (!payload) return invalid(reply);
      return page(
        reply,
        200,
        "Unsubscribe",
        `<p>Stop all emails to ${escapeHtml(masked(payload.email))} from this sender?</p>` +
          `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      );
    });

    scope.post<{ Params: { token: string } }>(`${UNSUBSCRIBE_PATH_PREFIX}:token`, async (request, reply) => {
      const payload = deps.tokens.verify(request.params.token);
      if (!payload) return invalid(reply);
      // The suppression entry, the stopped sequences and the audit event live in the workspace's region.
      const found = await deps.regions.forWorkspace(payload.workspaceId);
      if (found) {
        const workspaceId = payload.workspaceId;
        await found.db.$transaction(async (tx) => {
          const { added, stopped } = await unsubscribeAddress(tx, workspaceId, payload.email, "one-click link");
          if (!added && stopped === 0) return; // already unsubscribed: nothing new to record
          await record(tx, {
            action: "lead.unsubscribed",
            actor: { type: "system" },
            workspaceId,
            // The salted hash, not the address: the trail is permanent and the address may be erased later.
            target: { type: "email_hash", id: await erasedHashOf(tx, workspaceId, payload.email) },
            ip: request.ip,
            userAgent: request.headers["user-agent"] ?? null,
            metadata: { source: "one-click", sequencesStopped: stopped },
          });
          await emitWebhookEvent(tx, workspaceId, "lead.unsubscribed", {
            email: payload.email,
            leadId: null,
            source: "one-click",
          });
        });
      }
      return page(
        reply,
        200,
        "You are unsubscribed",
        `<p>${escapeHtml(masked(payload.email))} will not receive further emails from this sender.</p>`,
      );
    });
  });
}
