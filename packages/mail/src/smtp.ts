import nodemailer, { type Transporter } from "nodemailer";
import type { ConnectionPolicy, MailCredentials, MailServer } from "./settings.ts";
import { tlsOptionsFor } from "./tls-policy.ts";

export interface SmtpTarget {
  server: MailServer;
  /** The checked address to connect to (see resolveMailHost). */
  address: string;
  servername: string | undefined;
}

/**
 * An SMTP transport that cannot leak the password: with "starttls" STARTTLS is required (requireTLS), so a server
 * that does not offer it is dropped before AUTH; with "tls" the socket is TLS from the first byte. TLS 1.2+ and
 * certificate checks come from tlsOptionsFor. `pool` keeps connections open for a sending inbox.
 */
export function createSmtpTransport(
  target: SmtpTarget,
  credentials: MailCredentials,
  policy: ConnectionPolicy,
  options: { pool?: boolean } = {},
): Transporter {
  const timeout = policy.timeoutMs ?? 15_000;
  return nodemailer.createTransport({
    host: target.address,
    port: target.server.port,
    secure: target.server.security === "tls",
    requireTLS: target.server.security === "starttls",
    ignoreTLS: false,
    auth: { user: credentials.username, pass: credentials.password },
    tls: tlsOptionsFor(policy, target.servername),
    name: "mailflow",
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    logger: false,
    debug: false,
    ...(options.pool ? { pool: true, maxConnections: 2, maxMessages: 100 } : {}),
  });
}
