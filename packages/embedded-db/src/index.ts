import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeExtendedProtocol } from "./serialize-protocol.ts";

export interface EmbeddedPostgres {
  /** A postgresql:// URL for Prisma and pg (one backend: use a pool of one connection). */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), kept in `dataDir` and served on loopback over the Postgres wire
 * protocol, so the same Prisma client, migrations and pg-boss run on it as on a real server. For a single-user
 * trial on a machine without PostgreSQL; tests, CI and production use a real PostgreSQL.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir });
  // The default of one connection breaks pools; 16 lets Prisma, migrations and jobs each hold one.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  serializeExtendedProtocol(server);
  await server.start();
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
