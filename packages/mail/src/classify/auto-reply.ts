/** Header lookup by lower-cased name (postal-mime's `headers` list, or any other source). */
export type HeaderGetter = (name: string) => string | undefined;

const OUT_OF_OFFICE_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheitsnotiz|absence|réponse automatique|respuesta automática|fuera de la oficina|on vacation|away from (the )?office)\b/i;

/**
 * Is this an automatic message (out-of-office, vacation, autoresponder) rather than a person's reply? RFC 3834
 * Auto-Submitted, the de-facto X-Autoreply / X-Autorespond / Precedence headers, Microsoft's
 * X-MS-Exchange-Inbox-Rules-Loop... and, as a last resort, the usual subjects.
 */
export function isAutoReply(header: HeaderGetter, subject: string): boolean {
  const autoSubmitted = header("auto-submitted")?.toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (header("x-autoreply") || header("x-autorespond") || header("x-autoresponder")) return true;
  const precedence = header("precedence")?.toLowerCase();
  if (precedence === "auto_reply" || precedence === "bulk" || precedence === "junk") return true;
  if (header("x-ms-exchange-inbox-rules-loop") || header("x-ms-exchange-generated-message-source")) return true;
  return OUT_OF_OFFICE_SUBJECT.test(subject.trim());
}
