import type { Transporter } from "nodemailer";

/**
 * One pooled SMTP transport per inbox, reused across sends so each message does not pay for TCP, TLS and AUTH.
 * `version` identifies the settings and password the transport was built with: when an inbox's connection changes,
 * the next `get` closes the old transport and builds a new one.
 */
export class SmtpTransportPool {
  private readonly transports = new Map<string, { version: string; transport: Transporter }>();

  /** The open transport for this inbox if it was built for this version. */
  current(inboxId: string, version: string): Transporter | undefined {
    const existing = this.transports.get(inboxId);
    return existing?.version === version ? existing.transport : undefined;
  }

  get(inboxId: string, version: string, create: () => Transporter): Transporter {
    const existing = this.transports.get(inboxId);
    if (existing?.version === version) return existing.transport;
    existing?.transport.close();
    const transport = create();
    this.transports.set(inboxId, { version, transport });
    return transport;
  }

  close(inboxId: string): void {
    this.transports.get(inboxId)?.transport.close();
    this.transports.delete(inboxId);
  }

  closeAll(): void {
    for (const inboxId of [...this.transports.keys()]) this.close(inboxId);
  }

  get size(): number {
    return this.transports.size;
  }
}
