import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client handed to a `$transaction(async (tx) => ...)` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either: functions that only write (audit.record, ...) accept both. */
export type DbOrTx = Db | Tx;

export interface CreateDbOptions {
  /** Pool size; PGlite served over a socket wants a small one. */
  maxConnections?: number;
}

export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
