import { connect as tcpConnect } from "node:net";
import { resolveMailHost } from "./host-policy.ts";
import { createImapClient } from "./imap.ts";
import type { ConnectionPolicy, MailCredentials, MailServer } from "./settings.ts";
import { createSmtpTransport } from "./smtp.ts";

export type CheckStepName = "dns" | "tcp" | "tls" | "auth";
export interface CheckStep {
  step: CheckStepName;
  status: "ok" | "failed" | "skipped";
  /** Plain words for the person connecting the inbox; never contains the password. */
  message: string;
}
export interface ProtocolCheck {
  protocol: "smtp" | "imap";
  ok: boolean;
  steps: CheckStep[];
}

const TLS_ERROR_CODES = new Set([
  "ETLS",
  "EPROTO",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_UNSUPPORTED_PROTOCOL",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
  "ERR_SSL_NO_PROTOCOLS_AVAILABLE",
]);

const APP_PASSWORD_HINT = "For Gmail, Outlook, Yahoo and iCloud use an App Password, not your usual password.";

/** Checks one server step by step (DNS, TCP, TLS, login) and says where it failed, in words a user understands. */
export async function checkServer(
  protocol: "smtp" | "imap",
  server: MailServer,
  credentials: MailCredentials,
  policy: ConnectionPolicy,
): Promise<ProtocolCheck> {
  const steps: CheckStep[] = [];
  const fail = (step: CheckStepName, message: string): ProtocolCheck => {
    steps.push({ step, status: "failed", message });
    for (const later of ["dns", "tcp", "tls", "auth"] as const) {
      if (!steps.some((s) => s.step === later)) steps.push({ step: later, status: "skipped", message: "Not tried." });
    }
    return { protocol, ok: false, steps };
  };
  const where = `${server.host}:${server.port}`;

  const resolved = await resolveMailHost(server.host, policy.allowPrivateHosts);
  if (!resolved.ok) {
    return fail(
      "dns",
      resolved.reason === "not_found"
        ? `We could not find the server ${server.host}. Check the host name.`
        : `${server.host} points to a private or local network address, which MailFlow does not connect to.`,
    );
  }
  steps.push({ step: "dns", status: "ok", message: `${server.host} found.` });

  const tcpError = await probeTcp(resolved.address, server.port, policy.timeoutMs ?? 10_000);
  if (tcpError) return fail("tcp", tcpMessage(tcpError, where));
  steps.push({ step: "tcp", status: "ok", message: `Connected to ${where}.` });

  const target = { server, address: resolved.address, servername: resolved.servername };
  const loginError =
    protocol === "smtp" ? await smtpLogin(target, credentials, policy) : await imapLogin(target, credentials, policy);
  if (!loginError) {
    steps.push({ step: "tls", status: "ok", message: describeTls(server) });
    steps.push({ step: "auth", status: "ok", message: "Logged in." });
    return { protocol, ok: true, steps };
  }
  if (loginError.kind === "auth") {
    steps.push({ step: "tls", status: "ok", message: describeTls(server) });
    return fail("auth", `The server refused the username or password. ${APP_PASSWORD_HINT}`);
  }
  return fail("tls", loginError.message);
}

function describeTls(server: MailServer): string {
  return server.security === "tls" ? "Encrypted with TLS." : "Upgraded to TLS with STARTTLS.";
}

function probeTcp(address: string, port: number, timeoutMs: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: address, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("error", (error) => resolve(error));
  });
}

function tcpMessage(error: NodeJS.ErrnoException, where: string): string {
  if (error.code === "ECONNREFUSED") return `Nothing is listening at ${where}. Check the port number.`;
  if (error.code === "ETIMEDOUT") return `${where} did not answer in time. Check the port and any firewall.`;
  return `Could not connect to ${where}.`;
}

type LoginError = { kind: "auth" } | { kind: "tls"; message: string };

interface MailError {
  code?: string;
  message?: string;
  responseCode?: number;
  authenticationFailed?: boolean;
}

/** Sorts a login failure into "the password is wrong" and "the connection could not be made safe". */
function classify(error: unknown): LoginError {
  const e = (error ?? {}) as MailError;
  const text = `${e.code ?? ""} ${e.message ?? ""}`;
  if (e.code === "EAUTH" || e.authenticationFailed || e.responseCode === 535) return { kind: "auth" };
  if (/STARTTLS/i.test(text)) {
    return {
      kind: "tls",
      message:
        "The server does not offer STARTTLS, so it cannot protect your password; MailFlow did not send it. Use the port with implicit TLS (465 for SMTP, 993 for IMAP).",
    };
  }
  if (/certificate|self[- ]signed|CERT_|ALTNAME|issuer/i.test(text)) {
    return {
      kind: "tls",
      message:
        "The server's certificate is not trusted (self-signed, expired or issued for another name). For a self-hosted server you can allow its self-signed certificate.",
    };
  }
  if (/protocol|version|no protocols|alert/i.test(text) || (e.code && TLS_ERROR_CODES.has(e.code))) {
    return {
      kind: "tls",
      message: "The server does not support TLS 1.2 or newer, which MailFlow requires to protect your password.",
    };
  }
  return { kind: "tls", message: "The server closed the connection before MailFlow could log in safely." };
}

async function smtpLogin(
  target: Parameters<typeof createSmtpTransport>[0],
  credentials: MailCredentials,
  policy: ConnectionPolicy,
): Promise<LoginError | null> {
  const transport = createSmtpTransport(target, credentials, policy);
  try {
    await transport.verify();
    return null;
  } catch (error) {
    return classify(error);
  } finally {
    transport.close();
  }
}

async function imapLogin(
  target: Parameters<typeof createImapClient>[0],
  credentials: MailCredentials,
  policy: ConnectionPolicy,
): Promise<LoginError | null> {
  const client = createImapClient(target, credentials, policy);
  client.on("error", () => {}); // surfaced through connect()'s rejection
  try {
    await client.connect();
    await client.logout();
    return null;
  } catch (error) {
    return classify(error);
  } finally {
    client.close();
  }
}

/** Both servers of an inbox, checked at the same time. */
export async function checkMailbox(input: {
  smtp: MailServer;
  imap: MailServer;
  credentials: MailCredentials;
  policy: ConnectionPolicy;
}): Promise<{ ok: boolean; smtp: ProtocolCheck; imap: ProtocolCheck }> {
  const [smtp, imap] = await Promise.all([
    checkServer("smtp", input.smtp, input.credentials, input.policy),
    checkServer("imap", input.imap, input.credentials, input.policy),
  ]);
  return { ok: smtp.ok && imap.ok, smtp, imap };
}
