import { readFileSync } from "node:fs";
import type { SecureContextOptions } from "node:tls";

/**
 * TLS 1.2 and 1.3 only; for 1.2, only ECDHE key exchange with AEAD ciphers (forward secrecy). Node's defaults
 * would also accept static-RSA suites. TLS 1.3 suites are all forward-secret.
 */
export const TLS_POLICY = {
  minVersion: "TLSv1.2",
  ciphers:
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
  honorCipherOrder: true,
} as const satisfies SecureContextOptions;

export function httpsOptions(certFile: string, keyFile: string) {
  return { ...TLS_POLICY, cert: readFileSync(certFile), key: readFileSync(keyFile) };
}
