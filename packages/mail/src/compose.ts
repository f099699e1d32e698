import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";

export interface OutgoingMessage {
  from: { name: string; address: string };
  to: { name?: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** RFC 8058: an https one-click URL (required) and an optional mailto address (query allowed, no "mailto:"). */
  unsubscribe: { url: string; mailto?: string };
  inReplyTo?: string;
  references?: string[];
  date?: Date;
}

/**
 * A Message-ID derived from a stable key (campaign-lead-step): the same message always gets the same id, so after
 * a crash the sender can search the Sent folder for it before sending again.
 */
export function deterministicMessageId(key: string, domain: string): string {
  return `<mf.${createHash("sha256").update(key).digest("hex").slice(0, 40)}@${domain}>`;
}

/**
 * The exact bytes to send and to append to the Sent folder: multipart/alternative (text + HTML), the deterministic
 * Message-ID, and List-Unsubscribe with List-Unsubscribe-Post (RFC 8058 one-click).
 */
export function composeMessage(message: OutgoingMessage): Promise<Buffer> {
  if (!message.unsubscribe.url.startsWith("https://")) {
    return Promise.reject(new Error("List-Unsubscribe needs an https URL (RFC 8058)"));
  }
  const { url, mailto } = message.unsubscribe;
  const listUnsubscribe = [`<${url}>`, ...(mailto ? [`<mailto:${mailto}>`] : [])];
  return new MailComposer({
    from: message.from,
    to: message.to.name ? { name: message.to.name, address: message.to.address } : message.to.address,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    date: message.date ?? new Date(),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references?.length ? { references: message.references } : {}),
    headers: {
      "List-Unsubscribe": listUnsubscribe.join(", "),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  })
    .compile()
    .build();
}
