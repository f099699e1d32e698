import { createHash } from "node:crypto";
import type { Db, Inbox } from "@mailflow/db";
import {
  type ConnectionPolicy,
  createImapClient,
  createSmtpTransport,
  type MailServer,
  resolveMailHost,
  SmtpTransportPool,
} from "@mailflow/mail";
import { openInboxPassword } from "@mailflow/secrets";
import type { Vault } from "@mailflow/vault";
import type { ImapFlow } from "imapflow";
import type { Transporter } from "nodemailer";

export type MailPolicy = Omit<ConnectionPolicy, "allowSelfSigned">;

/** A host that cannot be used (DNS failure, internal address): the inbox is paused with this reason. */
export class InboxUnreachableError extends Error {}

const server = (host: string, port: number, security: Inbox["smtpSecurity"]): MailServer => ({
  host,
  port,
  security: security === "TLS" ? "tls" : "starttls",
});

/**
 * SMTP and IMAP access to inboxes for the worker. The password is opened from the vault (an audited
 * `credential.read`) once per process and inbox version, and then lives only inside the pooled transport and this
 * cache in memory; a changed password or server (a new `version`) opens it again.
 */
export class InboxMail {
  private readonly pool = new SmtpTransportPool();
  private readonly passwords = new Map<string, { version: string; password: Promise<string> }>();

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly policy: MailPolicy,
  ) {}

  /** The inbox's pooled SMTP transport (one per inbox, kept open between messages). */
  async smtp(inbox: Inbox): Promise<Transporter> {
    const version = versionOf(inbox);
    const current = this.pool.current(inbox.id, version);
    if (current) return current;
    const target = await this.resolve(inbox.smtpHost);
    const password = await this.password(inbox, version);
    return this.pool.get(inbox.id, version, () =>
      createSmtpTransport(
        { server: server(inbox.smtpHost, inbox.smtpPort, inbox.smtpSecurity), ...target },
        { username: inbox.username, password },
        this.policyFor(inbox),
        { pool: true },
      ),
    );
  }

  /** Drops the inbox's SMTP connection (after a temporary failure: the next attempt starts clean). */
  resetSmtp(inboxId: string): void {
    this.pool.close(inboxId);
  }

  /** A connected IMAP client for one operation; always logged out afterwards. */
  async withImap<T>(inbox: Inbox, use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = (await this.imapClientFactory(inbox))();
    client.on("error", () => {});
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /**
   * A factory of IMAP clients: resolves the host and opens the password once, then builds a fresh client per call
   * (one per operation in withImap, one per reconnect of a long-lived IDLE connection).
   */
  async imapClientFactory(inbox: Inbox): Promise<() => ImapFlow> {
    const target = await this.resolve(inbox.imapHost);
    const password = await this.password(inbox, versionOf(inbox));
    return () =>
      createImapClient(
        { server: server(inbox.imapHost, inbox.imapPort, inbox.imapSecurity), ...target },
        { username: inbox.username, password },
        this.policyFor(inbox),
      );
  }

  close(): void {
    this.pool.closeAll();
    this.passwords.clear();
  }

  private policyFor(inbox: Inbox): ConnectionPolicy {
    return { ...this.policy, allowSelfSigned: inbox.allowSelfSigned };
  }

  private async resolve(host: string): Promise<{ address: string; servername: string | undefined }> {
    const resolved = await resolveMailHost(host, this.policy.allowPrivateHosts);
    if (!resolved.ok) {
      throw new InboxUnreachableError(
        resolved.reason === "not_found"
          ? `The mail server ${host} could not be found (DNS).`
          : `The mail server ${host} points at an internal address, which MailFlow refuses to connect to.`,
      );
    }
    return { address: resolved.address, servername: resolved.servername };
  }

  private password(inbox: Inbox, version: string): Promise<string> {
    const cached = this.passwords.get(inbox.id);
    if (cached?.version === version) return cached.password;
    const password = this.db.$transaction((tx) =>
      openInboxPassword(tx, this.vault, inbox, { actor: { type: "system" }, reason: "send" }),
    );
    this.passwords.set(inbox.id, { version, password });
    password.catch(() => this.passwords.delete(inbox.id));
    return password;
  }
}

/** Changes whenever anything the connection depends on changes (a new sealed password included). */
function versionOf(inbox: Inbox): string {
  return createHash("sha256")
    .update(
      [
        inbox.passwordSealed,
        inbox.username,
        inbox.smtpHost,
        inbox.smtpPort,
        inbox.smtpSecurity,
        inbox.imapHost,
        inbox.imapPort,
        inbox.imapSecurity,
        inbox.allowSelfSigned,
      ].join("\u0000"),
    )
    .digest("hex");
}
