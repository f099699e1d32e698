export { type CredentialReadContext, openInboxPassword, sealInboxPassword } from "./inbox-password.ts";
export { assertVaultHoldsAllKeys, findMissingKeys } from "./key-check.ts";
export { loadKeyRing } from "./key-ring-source.ts";
export { type RotationReport, rotateSealedValues } from "./rotate.ts";
