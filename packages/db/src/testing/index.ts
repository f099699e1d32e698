export { insertInboxRow } from "./fixtures.ts";
export { cloneDatabase, createFreshDatabase, type FreshDatabase } from "./fresh-database.ts";
