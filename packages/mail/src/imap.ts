import { ImapFlow } from "imapflow";
import type { ConnectionPolicy, MailCredentials, MailServer } from "./settings.ts";
import { tlsOptionsFor } from "./tls-policy.ts";

export interface ImapTarget {
  server: MailServer;
  address: string;
  servername: string | undefined;
}

/**
 * An IMAP client under the same rules as SMTP: implicit TLS, or STARTTLS required before LOGIN (doSTARTTLS: true
 * fails when the server does not offer it); TLS 1.2+; certificate checks; never any logging of the protocol.
 */
export function createImapClient(target: ImapTarget, credentials: MailCredentials, policy: ConnectionPolicy): ImapFlow {
  const timeout = policy.timeoutMs ?? 15_000;
  return new ImapFlow({
    host: target.address,
    port: target.server.port,
    secure: target.server.security === "tls",
    doSTARTTLS: target.server.security === "starttls" ? true : undefined,
    ...(target.servername ? { servername: target.servername } : {}),
    auth: { user: credentials.username, pass: credentials.password },
    tls: tlsOptionsFor(policy, target.servername),
    logger: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 4,
    disableAutoIdle: true,
  });
}
