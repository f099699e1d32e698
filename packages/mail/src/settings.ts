import { z } from "zod";

/** "tls": implicit TLS from the first byte (465, 993). "starttls": plain connect, then STARTTLS is required. */
export const mailSecuritySchema = z.enum(["tls", "starttls"]);
export type MailSecurity = z.infer<typeof mailSecuritySchema>;

const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter the server's host name.")
  .max(253)
  .regex(/^[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/, "Enter a host name such as smtp.example.com.");

export const mailServerSchema = z.strictObject({
  host: hostnameSchema,
  port: z.number().int().min(1).max(65535),
  security: mailSecuritySchema,
});
export type MailServer = z.infer<typeof mailServerSchema>;

/** What the mail package needs to log in. The password arrives already opened from the vault; it is never stored here. */
export interface MailCredentials {
  username: string;
  password: string;
}

/** How strict to be about the server's certificate and address (see tls-policy.ts, host-policy.ts). */
export interface ConnectionPolicy {
  /** Accept a certificate no trusted CA signed. Only for self-hosted servers; the inbox switch is audited. */
  allowSelfSigned: boolean;
  /** PEM of extra CAs to trust (a company CA; the test stack's CA). */
  extraCa?: string | undefined;
  /** Allow hosts that resolve to loopback/private/link-local addresses (self-hosting, tests). */
  allowPrivateHosts: boolean;
  /** Milliseconds for connect, greeting and each command. */
  timeoutMs?: number;
}
