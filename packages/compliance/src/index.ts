export { ERASED_REASON, erasedHashOf, erasedHashSql, findErased, hasErasures } from "./erased.ts";
export {
  addSuppressions,
  findSuppression,
  leadIsSuppressedSql,
  parseSuppressionEntry,
  type SuppressionEntry,
  type SuppressionMatch,
} from "./suppression.ts";
export { unsubscribeAddress } from "./unsubscribe.ts";
export { type UnsubscribePayload, UnsubscribeTokens } from "./unsubscribe-token.ts";
