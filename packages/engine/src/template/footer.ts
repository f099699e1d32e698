import { escapeHtml } from "./render.ts";

/** Who is sending: anti-spam law (CAN-SPAM, CASL) wants the sender's name and physical address in every message. */
export interface SenderIdentity {
  company: string;
  postalAddress: string;
}

/**
 * Appends the sender identity and the unsubscribe link to both parts of a rendered message. The HTML part gets
 * escaped values only; the link is the same one-click URL as the List-Unsubscribe header.
 */
export function appendComplianceFooter(
  message: { text: string; html: string },
  identity: SenderIdentity,
  unsubscribeUrl: string,
): { text: string; html: string } {
  const address = identity.postalAddress.trim();
  const text = `${message.text.trimEnd()}\n\n--\n${identity.company}\n${address}\nUnsubscribe: ${unsubscribeUrl}\n`;
  const html =
    `${message.html}\n<hr>\n<p>${escapeHtml(identity.company)}<br>${escapeHtml(address).replace(/\r?\n/g, "<br>")}<br>` +
    `<a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`;
  return { text, html };
}
