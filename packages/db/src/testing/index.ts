export { createFreshDatabase, type FreshDatabase } from "./fresh-database.ts";
