/** Why a sealed value could not be opened. Never carries key material or plaintext. */
export type VaultErrorCode = "MALFORMED" | "UNKNOWN_KEY" | "AUTHENTICATION_FAILED" | "INVALID_KEY_RING";

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "VaultError";
  }
}
