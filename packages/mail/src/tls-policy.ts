import { type ConnectionOptions, rootCertificates } from "node:tls";
import type { ConnectionPolicy } from "./settings.ts";

/**
 * TLS for every outbound SMTP and IMAP connection: TLS 1.2 or newer, the certificate verified against Node's CA
 * bundle (plus a configured extra CA), unless the inbox explicitly allows a self-signed certificate.
 * `servername` is the host name the user typed: we connect to the address we resolved and checked, but verify the
 * certificate (and send SNI) for the name.
 */
export function tlsOptionsFor(policy: ConnectionPolicy, servername: string | undefined): ConnectionOptions {
  return {
    minVersion: "TLSv1.2",
    rejectUnauthorized: !policy.allowSelfSigned,
    // Giving `ca` replaces Node's bundled roots, so keep them and add the extra one.
    ...(policy.extraCa ? { ca: [...rootCertificates, policy.extraCa] } : {}),
    ...(servername ? { servername } : {}),
  };
}
