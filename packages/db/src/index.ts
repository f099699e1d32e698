export { type CreateDbOptions, createDb, type Db, type DbOrTx, type Tx } from "./client.ts";
export type { ApiKey, AuditEvent, Invitation, Membership, User, Workspace } from "./generated/prisma/client.ts";
export { ActorType, Plan, Prisma, Region, Role } from "./generated/prisma/client.ts";
export { runMigrations } from "./migrate.ts";
