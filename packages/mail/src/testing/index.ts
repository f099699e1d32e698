export { type MailStack, readMailStack, useMailStack } from "./mail-stack.ts";
