// For the end-to-end harness (e2e/fixtures/desktop-harness.ts): the main process's own bridge code and where the
// built renderer is, so the renderer can be driven in Chromium with the real contract behind window.mailflow.
import { fileURLToPath } from "node:url";

export { createBridgeHandlers } from "./main/bridge-handlers.ts";
export { type SecretCipher, TokenStore } from "./main/token-store.ts";
export type { MailflowBridge } from "./shared/bridge.ts";

export const rendererDistDir = fileURLToPath(new URL("../dist/renderer", import.meta.url));
