import type { ImapFlow } from "imapflow";
import { type BackoffPolicy, backoffDelay, defaultBackoff } from "./backoff.ts";

export type ImapConnectionState = "connecting" | "connected" | "backoff" | "auth_failed" | "stopped";

export interface ManagedImapOptions {
  /** Builds a fresh client for each attempt (createImapClient with the inbox's settings). */
  createClient: () => ImapFlow;
  backoff?: BackoffPolicy;
  /** Told about every state change, e.g. to pause an inbox whose password stopped working. */
  onStateChange?: (state: ImapConnectionState, detail: { attempt: number; error?: string }) => void;
}

/**
 * One long-lived IMAP connection for one inbox. It reconnects after any drop or error with exponential backoff and
 * jitter, never in a busy loop, and gives up only when the server refuses the credentials: retrying a wrong
 * password would only get the account locked.
 */
export class ManagedImapConnection {
  private current: ImapFlow | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private waiters: ((client: ImapFlow) => void)[] = [];
  private stopped = false;
  state: ImapConnectionState = "connecting";
  connects = 0;

  constructor(private readonly options: ManagedImapOptions) {}

  start(): this {
    void this.connect();
    return this;
  }

  /** The connected client; waits for the next successful connection if there is none now. */
  client(): Promise<ImapFlow> {
    if (this.state === "connected" && this.current) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.setState("stopped");
    if (this.timer) clearTimeout(this.timer);
    const client = this.current;
    this.current = null;
    if (client) await client.logout().catch(() => client.close());
  }

  private setState(state: ImapConnectionState, error?: string) {
    this.state = state;
    this.options.onStateChange?.(state, { attempt: this.attempt, ...(error ? { error } : {}) });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState("connecting");
    const client = this.options.createClient();
    client.on("error", () => {}); // a connection error also ends in "close", handled below
    client.once("close", () => this.onClose(client));
    try {
      await client.connect();
    } catch (error) {
      const authFailed = (error as { authenticationFailed?: boolean }).authenticationFailed === true;
      client.close();
      if (authFailed) {
        this.setState("auth_failed", "The server refused the username or password.");
        return;
      }
      this.scheduleRetry((error as Error).message);
      return;
    }
    if (this.stopped) {
      await client.logout().catch(() => client.close());
      return;
    }
    this.current = client;
    this.attempt = 0;
    this.connects++;
    this.setState("connected");
    for (const resolve of this.waiters.splice(0)) resolve(client);
  }

  private onClose(client: ImapFlow) {
    if (this.current !== client || this.stopped) return;
    this.current = null;
    this.scheduleRetry("connection closed");
  }

  private scheduleRetry(error: string) {
    if (this.stopped || this.timer) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? defaultBackoff);
    this.setState("backoff", error);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }
}
