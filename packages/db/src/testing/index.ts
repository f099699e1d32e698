export { insertInboxRow } from "./fixtures.ts";
export { createFreshDatabase, type FreshDatabase } from "./fresh-database.ts";
