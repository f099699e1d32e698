import { checkMailbox, type MailServer } from "@mailflow/mail";
import type { Context } from "../../context.ts";
import { consume } from "../../rate-limit/limiters.ts";

/**
 * The live SMTP + IMAP check, run outside any transaction (network I/O never holds a database transaction open),
 * limited per workspace because each check opens connections to hosts the user chose.
 */
export async function runConnectionCheck(
  ctx: Context,
  workspaceId: string,
  input: { smtp: MailServer; imap: MailServer; username: string; password: string; allowSelfSigned: boolean },
) {
  await consume(ctx.deps.limiters.connectionCheckByWorkspace, workspaceId);
  return checkMailbox({
    smtp: input.smtp,
    imap: input.imap,
    credentials: { username: input.username, password: input.password },
    policy: { ...ctx.deps.mailPolicy, allowSelfSigned: input.allowSelfSigned },
  });
}

/** One line for the inbox's status when a check fails: the first failed step of each protocol. */
export function failureSummary(check: Awaited<ReturnType<typeof checkMailbox>>): string {
  return [check.smtp, check.imap]
    .filter((p) => !p.ok)
    .map((p) => `${p.protocol.toUpperCase()}: ${p.steps.find((s) => s.status === "failed")?.message ?? "failed"}`)
    .join(" ");
}
