/** One recipient's block of an RFC 3464 message/delivery-status part. */
export interface RecipientStatus {
  /** The address as given in Final-Recipient (or Original-Recipient), lower-cased, without the "rfc822;" type. */
  recipient: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  /** The enhanced status code (RFC 3463), e.g. "5.1.1". */
  status: string;
  /** The remote server's words (Diagnostic-Code), when given. */
  diagnostic: string | null;
  /** hard: will never be delivered (5.x.x, failed). soft: may still be (4.x.x, delayed). */
  severity: "hard" | "soft" | "none";
}

/** Header-style "Name: value" fields with continuation lines, names lower-cased. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    last = match[1]!.toLowerCase();
    out.set(last, match[2]!.trim());
  }
  return out;
}

const withoutType = (value: string) => value.replace(/^[a-z0-9-]+\s*;\s*/i, "").trim();

/**
 * Parses the text of a message/delivery-status part: a per-message block, then one block per recipient, separated
 * by blank lines. Pure; unit-tested on real Postfix DSNs.
 */
export function parseDeliveryStatus(text: string): RecipientStatus[] {
  const blocks = text.split(/\r?\n\s*\r?\n/).map(fields);
  const out: RecipientStatus[] = [];
  for (const block of blocks) {
    const final = block.get("final-recipient") ?? block.get("original-recipient");
    const action = block.get("action")?.toLowerCase();
    if (!final || !action) continue;
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(block.get("status") ?? "")?.[0] ?? "";
    const diagnostic = block.get("diagnostic-code");
    out.push({
      recipient: withoutType(final).toLowerCase(),
      action,
      status,
      diagnostic: diagnostic ? withoutType(diagnostic) : null,
      severity:
        action === "failed" && status.startsWith("5")
          ? "hard"
          : action === "delayed" || status.startsWith("4") || action === "failed"
            ? "soft"
            : "none",
    });
  }
  return out;
}
