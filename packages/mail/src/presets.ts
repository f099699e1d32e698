import type { MailServer } from "./settings.ts";

export interface ProviderPreset {
  id: string;
  name: string;
  smtp: MailServer;
  imap: MailServer;
  /** Where the user creates an App Password. */
  appPasswordHelp: string;
}

/** Public, documented submission and IMAP endpoints of the common providers. */
export const providerPresets: readonly ProviderPreset[] = [
  {
    id: "gmail",
    name: "Gmail / Google Workspace",
    smtp: { host: "smtp.gmail.com", port: 465, security: "tls" },
    imap: { host: "imap.gmail.com", port: 993, security: "tls" },
    appPasswordHelp: "Google Account > Security > 2-Step Verification > App passwords",
  },
  {
    id: "outlook",
    name: "Outlook / Microsoft 365",
    smtp: { host: "smtp.office365.com", port: 587, security: "starttls" },
    imap: { host: "outlook.office365.com", port: 993, security: "tls" },
    appPasswordHelp: "Microsoft account > Security > Advanced security options > App passwords",
  },
  {
    id: "yahoo",
    name: "Yahoo Mail",
    smtp: { host: "smtp.mail.yahoo.com", port: 465, security: "tls" },
    imap: { host: "imap.mail.yahoo.com", port: 993, security: "tls" },
    appPasswordHelp: "Yahoo Account Info > Account security > Generate app password",
  },
  {
    id: "zoho",
    name: "Zoho Mail",
    smtp: { host: "smtp.zoho.com", port: 465, security: "tls" },
    imap: { host: "imap.zoho.com", port: 993, security: "tls" },
    appPasswordHelp: "Zoho Accounts > Security > App Passwords",
  },
  {
    id: "icloud",
    name: "iCloud Mail",
    smtp: { host: "smtp.mail.me.com", port: 587, security: "starttls" },
    imap: { host: "imap.mail.me.com", port: 993, security: "tls" },
    appPasswordHelp: "appleid.apple.com > Sign-In and Security > App-Specific Passwords",
  },
  {
    id: "fastmail",
    name: "Fastmail",
    smtp: { host: "smtp.fastmail.com", port: 465, security: "tls" },
    imap: { host: "imap.fastmail.com", port: 993, security: "tls" },
    appPasswordHelp: "Fastmail Settings > Privacy & Security > Integrations > App passwords",
  },
];
