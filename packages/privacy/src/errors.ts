/** A request that cannot run as asked; the message is for the user (it never contains the subject's address). */
export class PrivacyError extends Error {
  constructor(
    readonly code: "INBOX_ADDRESS" | "LAST_OWNER" | "NOT_FOUND",
    message: string,
  ) {
    super(message);
    this.name = "PrivacyError";
  }
}
