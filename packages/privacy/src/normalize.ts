/** Addresses are stored lower-cased and trimmed; a request's address is compared the same way. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** `value` as a POSIX regular expression matching it literally (case-insensitivity comes from the flags). */
export const regexLiteral = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `value` inside a LIKE pattern, matching it literally anywhere: %value%. */
export const likeAnywhere = (value: string) => `%${value.replace(/[\\%_]/g, "\\$&")}%`;
