import type { UnsubscribeTokens } from "@mailflow/compliance";
import type { Db, RegionalDbs } from "@mailflow/db";
import type { ConnectionPolicy } from "@mailflow/mail";
import type { Vault } from "@mailflow/vault";
import type { ApiKeyAuthenticator } from "./auth/api-key-authenticator.ts";
import type { PasswordHasher } from "./auth/passwords.ts";
import type { SessionTokens } from "./auth/session-tokens.ts";
import type { Limiters } from "./rate-limit/limiters.ts";

/** Long-lived services built once per process (see createApiDeps in server.ts) and shared by every request. */
export interface ApiDeps {
  /**
   * The global database (users, sessions, memberships, keys, the workspace directory). Inside a workspace
   * procedure it is that workspace's region database instead (see procedures/workspace.ts), and `globalDb` is the
   * global one.
   */
  db: Db;
  /** Every database of the installation: the global one and each region's. */
  regions: RegionalDbs;
  passwords: PasswordHasher;
  sessionTokens: SessionTokens;
  apiKeys: ApiKeyAuthenticator;
  limiters: Limiters;
  sessionTtlSeconds: number;
  vault: Vault;
  /** Server-wide rules for outbound SMTP/IMAP; each inbox adds its own allowSelfSigned. */
  mailPolicy: Omit<ConnectionPolicy, "allowSelfSigned">;
  /** Signs and checks one-click unsubscribe links (key derived from UNSUBSCRIBE_SECRET). */
  unsubscribeTokens: UnsubscribeTokens;
  /** Outbound webhook rules: private/loopback targets only when self-hosting allows them. */
  webhookPolicy: { allowPrivateHosts: boolean };
  /** The https origin users and recipients reach (unsubscribe links). */
  publicUrl: string;
  /** Sign-in methods besides the password: Google only when GOOGLE_CLIENT_ID is configured. */
  signInProviders: { google: boolean };
}
