import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Machines without access to Prisma's binary host (ours, and CI) run the schema engine as WebAssembly through
// scripts/schema-engine-wasm.mjs. Where the native engine can be downloaded, set PRISMA_SCHEMA_ENGINE_BINARY=""
// is not needed: delete this line and plain `prisma migrate` works with the same files.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("./scripts/schema-engine-wasm.mjs", import.meta.url));

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  datasource: {
    // Read process.env directly: prisma's env() throws when unset, which would break `generate`.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/mailflow",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
