export { buildApp } from "./build-app.ts";
export { startHttpRedirect } from "./http-redirect.ts";
export { exitOnStartupError, type RunningServer, startServer } from "./main.ts";
export { ensureSelfSignedCertificate } from "./self-signed.ts";
export { TLS_POLICY } from "./tls.ts";
