import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { SMTPServer } from "smtp-server";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type ConnectionPolicy, checkServer, createImapClient, createSmtpTransport, type MailServer } from "./index.ts";
import { type MailStack, readMailStack } from "./testing/index.ts";

let stack: MailStack;
let alice: { email: string; password: string };
let policy: ConnectionPolicy;

beforeAll(() => {
  stack = readMailStack(inject("mailStackDir"));
  alice = stack.users[0]!;
  policy = { allowSelfSigned: false, extraCa: stack.ca, allowPrivateHosts: true, timeoutMs: 5000 };
});

const server = (port: number, security: MailServer["security"]): MailServer => ({ host: stack.host, port, security });
const creds = () => ({ username: alice.email, password: alice.password });
const statusOf = (check: Awaited<ReturnType<typeof checkServer>>) =>
  Object.fromEntries(check.steps.map((s) => [s.step, s.status]));

describe("connection check against the real Postfix + Dovecot", () => {
  it.each([
    ["smtp", "submission", "starttls"],
    ["smtp", "submissions", "tls"],
    ["imap", "imap", "starttls"],
    ["imap", "imaps", "tls"],
  ] as const)("%s on %s (%s) logs in with the right password", async (protocol, portName, security) => {
    const check = await checkServer(protocol, server(stack.ports[portName], security), creds(), policy);
    expect(check.ok).toBe(true);
    expect(statusOf(check)).toEqual({ dns: "ok", tcp: "ok", tls: "ok", auth: "ok" });
  });

  it.each([
    ["smtp", "submission", "starttls"],
    ["imap", "imaps", "tls"],
  ] as const)("%s reports a wrong password as an auth failure", async (protocol, portName, security) => {
    const check = await checkServer(
      protocol,
      server(stack.ports[portName], security),
      { username: alice.email, password: "wrong-password" },
      policy,
    );
    expect(check.ok).toBe(false);
    expect(statusOf(check)).toEqual({ dns: "ok", tcp: "ok", tls: "ok", auth: "failed" });
    expect(check.steps.find((s) => s.step === "auth")!.message).toMatch(/App Password/);
  });

  it("reports an unknown host as a DNS failure", async () => {
    const check = await checkServer(
      "smtp",
      { host: "no-such-host.invalid", port: 587, security: "starttls" },
      creds(),
      policy,
    );
    expect(statusOf(check)).toEqual({ dns: "failed", tcp: "skipped", tls: "skipped", auth: "skipped" });
  });

  it("reports a closed port as a TCP failure", async () => {
    const check = await checkServer("imap", server(1, "tls"), creds(), policy);
    expect(statusOf(check)).toEqual({ dns: "ok", tcp: "failed", tls: "skipped", auth: "skipped" });
    expect(check.steps[1]!.message).toMatch(/Nothing is listening/);
  });

  it("refuses hosts on private or loopback addresses unless self-hosting allows them", async () => {
    const check = await checkServer("smtp", server(stack.ports.submission, "starttls"), creds(), {
      ...policy,
      allowPrivateHosts: false,
    });
    expect(statusOf(check).dns).toBe("failed");
    expect(check.steps[0]!.message).toMatch(/private or local network/);
  });

  it("refuses an untrusted certificate, and accepts it only when the inbox allows self-signed", async () => {
    const strict = { ...policy, extraCa: undefined };
    const refused = await checkServer("imap", server(stack.ports.imaps, "tls"), creds(), strict);
    expect(statusOf(refused)).toEqual({ dns: "ok", tcp: "ok", tls: "failed", auth: "skipped" });
    expect(refused.steps[2]!.message).toMatch(/certificate is not trusted/);
    const allowed = await checkServer("imap", server(stack.ports.imaps, "tls"), creds(), {
      ...strict,
      allowSelfSigned: true,
    });
    expect(allowed.ok).toBe(true);
  });

  it("sends through SMTP and the message arrives over IMAP", async () => {
    const bob = stack.users[1]!;
    const subject = `check ${randomUUID()}`;
    const smtp = createSmtpTransport(
      { server: server(stack.ports.submission, "starttls"), address: stack.host, servername: undefined },
      creds(),
      policy,
    );
    await smtp.sendMail({ from: alice.email, to: bob.email, subject, text: "hello" });
    smtp.close();
    const imap = createImapClient(
      { server: server(stack.ports.imaps, "tls"), address: stack.host, servername: undefined },
      { username: bob.email, password: bob.password },
      policy,
    );
    await imap.connect();
    let found = 0;
    for (let i = 0; i < 50 && found === 0; i++) {
      await imap.mailboxOpen("INBOX");
      found = ((await imap.search({ subject })) || []).length;
      if (found === 0) await new Promise((r) => setTimeout(r, 100));
    }
    await imap.logout();
    expect(found).toBe(1);
  });
});

/** Records every byte a client sends, so a test can prove the password never crossed the wire. */
function recordClientBytes(server: Server): () => string {
  const chunks: Buffer[] = [];
  server.on("connection", (socket: Socket) => socket.on("data", (chunk: Buffer) => chunks.push(chunk)));
  return () => Buffer.concat(chunks).toString("latin1");
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

const secret = { username: "victim@example.test", password: "S3cret-App-Password" };
const neverSent = (bytes: string) => {
  expect(bytes).not.toContain(secret.password);
  expect(bytes).not.toContain(Buffer.from(secret.password).toString("base64"));
  expect(bytes).not.toContain(Buffer.from(`\0${secret.username}\0${secret.password}`).toString("base64"));
};
const localPolicy = (): ConnectionPolicy => ({ allowSelfSigned: false, allowPrivateHosts: true, timeoutMs: 3000 });

describe("servers that would expose the password", () => {
  it("an SMTP server without STARTTLS is refused before AUTH; the password is never sent", async () => {
    let authAttempts = 0;
    const smtp = new SMTPServer({
      secure: false,
      disabledCommands: ["STARTTLS"],
      authOptional: false,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (_auth, _session, callback) => {
        authAttempts++;
        callback(null, { user: "x" });
      },
    });
    const received = recordClientBytes(smtp.server);
    const port = await listen(smtp.server);
    try {
      const check = await checkServer("smtp", { host: "127.0.0.1", port, security: "starttls" }, secret, localPolicy());
      expect(statusOf(check)).toEqual({ dns: "ok", tcp: "ok", tls: "failed", auth: "skipped" });
      expect(check.steps[2]!.message).toMatch(/does not offer STARTTLS/);
      expect(authAttempts).toBe(0);
      const bytes = received();
      expect(bytes).toMatch(/EHLO/);
      expect(bytes).not.toMatch(/AUTH/i);
      neverSent(bytes);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it("an IMAP server without STARTTLS is refused before LOGIN; the password is never sent", async () => {
    // A minimal IMAP greeter that offers plain LOGIN and no STARTTLS, answering BAD to everything else.
    const imap = createTcpServer((socket) => {
      socket.write("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no-tls server ready\r\n");
      socket.on("data", (chunk: Buffer) => {
        for (const line of chunk.toString("latin1").split("\r\n").filter(Boolean)) {
          const [tag, command] = line.split(" ");
          if (command?.toUpperCase() === "CAPABILITY") {
            socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
          } else socket.write(`${tag} BAD not here\r\n`);
        }
      });
      socket.on("error", () => {});
    });
    const received = recordClientBytes(imap);
    const port = await listen(imap);
    try {
      const check = await checkServer("imap", { host: "127.0.0.1", port, security: "starttls" }, secret, localPolicy());
      expect(check.ok).toBe(false);
      expect(statusOf(check).tls).toBe("failed");
      const bytes = received();
      expect(bytes).not.toMatch(/LOGIN|AUTHENTICATE/i);
      neverSent(bytes);
    } finally {
      imap.close();
    }
  });

  it.each(["smtp", "imap"] as const)("a %s server that speaks only TLS 1.0/1.1 is refused", async (protocol) => {
    const legacy = createTlsServer({
      cert: readFileSync(stack.caFile),
      key: readFileSync(stack.caFile.replace("cert.pem", "key.pem")),
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    legacy.on("secureConnection", (socket) => socket.end(protocol === "smtp" ? "220 legacy\r\n" : "* OK legacy\r\n"));
    legacy.on("tlsClientError", () => {});
    const received = recordClientBytes(legacy);
    const port = await listen(legacy);
    try {
      const check = await checkServer(protocol, { host: "127.0.0.1", port, security: "tls" }, secret, {
        ...localPolicy(),
        extraCa: stack.ca,
      });
      expect(statusOf(check)).toEqual({ dns: "ok", tcp: "ok", tls: "failed", auth: "skipped" });
      expect(check.steps[2]!.message).toMatch(/TLS 1.2/);
      neverSent(received());
    } finally {
      legacy.close();
    }
  });
});
