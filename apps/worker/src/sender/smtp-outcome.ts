/**
 * What an SMTP failure means for the message, the lead and the inbox. Pure: decided from nodemailer's error fields
 * (code, responseCode, response, command), unit-tested in smtp-outcome.test.ts.
 */
export type SmtpFailure =
  /** 4xx, timeouts, dropped connections: try again later. */
  | { kind: "temporary"; reason: string }
  /** 5xx about the recipient (no such user, mailbox disabled): the lead bounced. */
  | { kind: "recipient"; reason: string }
  /** 5xx about this message (content refused, too big): the message failed, the lead stops. */
  | { kind: "message"; reason: string }
  /** The inbox cannot send at all (password refused, no STARTTLS): pause it; the message waits for another. */
  | { kind: "inbox"; reason: string };

export interface SmtpErrorFacts {
  code?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  command?: string | undefined;
  message?: string | undefined;
}

/** Enhanced status codes (RFC 3463) that blame the recipient's address or mailbox. */
const RECIPIENT_STATUS = /\b5\.(1\.\d+|2\.1|2\.2|2\.3)\b/;
const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNRESET", "EPROTOCOL"]);

/** The server's reply, trimmed to one line: what the user sees, never anything we sent. */
export function serverReply(facts: SmtpErrorFacts): string {
  const text = (facts.response ?? facts.message ?? "no reply").replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

export function classifySmtpError(facts: SmtpErrorFacts): SmtpFailure {
  const reply = serverReply(facts);
  const status = facts.responseCode;
  if (facts.code === "EAUTH" || status === 535 || status === 534 || status === 530) {
    return {
      kind: "inbox",
      reason: `The mail server refused the inbox's login: ${reply}. Reconnect it with a new App Password.`,
    };
  }
  if (facts.code === "ETLS" || /STARTTLS/i.test(reply)) {
    return {
      kind: "inbox",
      reason: `The mail server did not meet the TLS requirements (TLS 1.2+, STARTTLS): ${reply}`,
    };
  }
  if (status !== undefined && status >= 400 && status < 500) return { kind: "temporary", reason: reply };
  if (status !== undefined && status >= 500) {
    const aboutRecipient = facts.command === "RCPT TO" || RECIPIENT_STATUS.test(reply);
    return aboutRecipient ? { kind: "recipient", reason: reply } : { kind: "message", reason: reply };
  }
  if (facts.code && NETWORK_CODES.has(facts.code)) return { kind: "temporary", reason: reply };
  // No SMTP status and no known network code: treat as temporary; attempts are bounded by SEND_MAX_ATTEMPTS.
  return { kind: "temporary", reason: reply };
}

/** Delay before attempt n+1 (n >= 1 attempts made): base, 4x base, 16x base, ... capped at 6 hours. */
export function retryDelaySeconds(attemptsMade: number, baseSeconds: number): number {
  return Math.min(6 * 3600, baseSeconds * 4 ** Math.max(0, attemptsMade - 1));
}
