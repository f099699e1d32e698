/** Lines where a client starts quoting: Gmail/Apple "On ... wrote:", German, Outlook's rule or "From:" block, forwards. */
const QUOTE_STARTS =
  /^\s*(On .{3,200} wrote:|Am .{3,200} schrieb .{0,100}:|-{2,}\s*Original Message\s*-{2,}|-{3,}\s*Forwarded message\s*-{3,}|Begin forwarded message:|_{10,}|From: .+)$/i;

/** The lines a person wrote, without the quoted message below ("> ..." lines and everything after "On ... wrote:"). */
export function ownText(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) break;
    if (QUOTE_STARTS.test(line)) break;
    lines.push(line);
  }
  return lines.join("\n").trim();
}

/**
 * Does the reply ask to stop? "unsubscribe", "remove me", "take me off", "opt out", or a reply that is just "stop"
 * (not "don't stop", not a sentence that merely contains the word). Only the person's own text counts: our quoted
 * email has an "Unsubscribe" link in its footer.
 */
export function asksToUnsubscribe(text: string): boolean {
  const own = ownText(text).toLowerCase();
  if (
    /\b(unsubscribe|remove me|take me off|opt me out|opt out|do not (contact|email) me|don't (contact|email) me)\b/.test(
      own,
    )
  ) {
    return true;
  }
  return /^(please\s+)?stop[\s.!]*$/.test(own.split("\n")[0]?.trim() ?? "");
}

/** "Re: Fwd: AW: Hello" -> "hello": for matching a reply to a campaign when its headers lost the thread. */
export function normalizeSubject(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|wg|sv|vs|antw|réf|ref)\s*(\[\d+\])?\s*:\s*/i, "");
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, " ").toLowerCase();
}
