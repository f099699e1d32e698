import type { Email } from "postal-mime";
import { isAutoReply } from "./auto-reply.ts";
import { parseDeliveryStatus, type RecipientStatus } from "./delivery-status.ts";
import { asksToUnsubscribe } from "./reply-text.ts";

/** What an incoming message is, for the sequence it belongs to. */
export type IncomingKind =
  | {
      kind: "bounce";
      /** Every recipient the report is about (usually one). */
      recipients: RecipientStatus[];
      /** The Message-ID of the message that bounced, from the attached original or its headers. */
      originalMessageId: string | null;
    }
  | { kind: "auto_reply"; threadIds: string[] }
  | { kind: "reply"; threadIds: string[]; unsubscribe: boolean };

const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/g;

/** The Message-IDs a message answers: In-Reply-To first, then References (newest last, so reversed). */
export function threadIdsOf(email: Pick<Email, "inReplyTo" | "references">): string[] {
  const ids = [...(email.inReplyTo?.match(MESSAGE_ID) ?? []), ...(email.references?.match(MESSAGE_ID) ?? []).reverse()];
  return [...new Set(ids)];
}

const asText = (content: ArrayBuffer | Uint8Array | string) =>
  typeof content === "string" ? content : Buffer.from(content as ArrayBuffer).toString("utf8");

/**
 * Classifies a message parsed by postal-mime (which keeps a message/delivery-status part as its own attachment).
 * Pure: the caller matches the thread ids or the original Message-ID against its sent messages.
 */
export function classifyIncoming(email: Email): IncomingKind {
  const header = (name: string) => email.headers.find((h) => h.key === name)?.value;
  const report = email.attachments.find((a) => a.mimeType === "message/delivery-status");
  if (report) {
    const original = email.attachments.find(
      (a) => a.mimeType === "message/rfc822" || a.mimeType === "text/rfc822-headers",
    );
    const originalText = original ? asText(original.content) : "";
    const originalMessageId = /^Message-ID:\s*(<[^>]+>)/im.exec(originalText)?.[1] ?? null;
    return { kind: "bounce", recipients: parseDeliveryStatus(asText(report.content)), originalMessageId };
  }
  const threadIds = threadIdsOf(email);
  if (isAutoReply(header, email.subject ?? "")) return { kind: "auto_reply", threadIds };
  return { kind: "reply", threadIds, unsubscribe: asksToUnsubscribe(email.text ?? "") };
}
