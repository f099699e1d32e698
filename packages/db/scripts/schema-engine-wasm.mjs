#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary (which Prisma downloads from a host our machines
// cannot reach). The Prisma CLI spawns the program named by PRISMA_SCHEMA_ENGINE_BINARY and speaks JSON-RPC to it
// over stdio; this program answers with Prisma's own WebAssembly build of the same engine
// (@prisma/schema-engine-wasm, pinned to the CLI's engine hash) running over @prisma/adapter-pg.
// Covered by packages/db/src/migrations.test.ts (migrate deploy + status on a fresh database).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";

const require = createRequire(import.meta.url);

const args = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const parsed = { datamodels: [], datasource: null, cliCommand: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") parsed.datamodels.push(argv[++i]);
    else if (arg === "--datasource") parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "cli") parsed.cliCommand = argv[++i];
    else if (arg === "--version" || arg === "-V") {
      console.log("mailflow-schema-engine-wasm");
      process.exit(0);
    }
  }
  return parsed;
}

function logToCli(level, fields) {
  const line = { timestamp: new Date().toISOString(), level, target: "schema_engine::logger", fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

process.on("uncaughtException", (error) => {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
  logToCli("ERROR", { message: `schema engine (wasm) crashed: ${panic ? `${panic}\n` : ""}${error?.stack ?? error}` });
  process.exit(1);
});

/** Discrete pg fields (not a connectionString) so that `{ ...config, database }` works for shadow databases. */
function pgConfigOf(url) {
  const c = parseConnectionString(url);
  const config = {
    host: c.host ?? "localhost",
    port: c.port ? Number(c.port) : 5432,
    user: c.user,
    password: c.password,
    database: c.database,
  };
  if (c.options) config.options = c.options;
  if (c.ssl !== undefined) config.ssl = c.ssl;
  return { config, schema: new URL(url).searchParams.get("schema") ?? undefined };
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

async function withClient(config, fn) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---- one-shot mode: `schema-engine cli <command>` ----
if (args.cliCommand) {
  const { config } = pgConfigOf(args.datasource.url);
  const admin = { ...config, database: "postgres" };
  try {
    if (args.cliCommand === "can-connect-to-database") await withClient(config, (c) => c.query("SELECT 1"));
    else if (args.cliCommand === "create-database")
      await withClient(admin, (c) => c.query(`CREATE DATABASE ${quoteIdent(config.database)}`));
    else if (args.cliCommand === "drop-database")
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)}`));
    else throw new Error(`unsupported cli command ${args.cliCommand}`);
    process.stdout.write("\n");
    process.exit(0);
  } catch (error) {
    process.stderr.write("mailflow-schema-engine-wasm\n"); // the CLI skips the first stderr line
    logToCli("ERROR", connectionErrorOf(error, config.database));
    process.exit(1);
  }
}

function connectionErrorOf(error, database) {
  if (error?.code === "3D000") return { error_code: "P1003", message: `Database \`${database}\` does not exist` };
  if (error?.code === "28P01" || error?.code === "28000")
    return { error_code: "P1000", message: `Authentication failed: ${error.message}` };
  return { error_code: "P1001", message: `Can't reach database server: ${error?.message ?? error}` };
}

// ---- JSON-RPC mode ----
// The wasm panic hook writes the panic text here (the Prisma CLI defines the same global in-process).
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: "",
  set_message(message) {
    this.message = `RuntimeError: ${message}`;
  },
};

async function loadWasmEngine() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const glue = await import(path.join(dir, "schema_engine_bg.js"));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine;
}

// adapter-pg 7.10 cannot deserialize some catalog column types that the engine's schema describer selects
// ("char", oid 18, e.g. pg_constraint.contype; and name-like types). pg hands them over as strings:
// report "char" as Character (what the describer expects) and the others as text.
const CHAR_OID = 18;
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([22, 24, 30, 194, 1033, 2205, 2206, 3734, 4089]);
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
let queryablePatched = false;

function patchCatalogTypes(adapter) {
  if (queryablePatched) return adapter;
  queryablePatched = true;
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)); // PgQueryable.prototype
  const { performIO, queryRaw } = queryable;
  queryable.queryRaw = async function (query) {
    const charColumns = [];
    const self = Object.create(this, {
      performIO: {
        value: async (q) => {
          const result = await performIO.call(this, q);
          (result?.fields ?? []).forEach((field, index) => {
            if (field.dataTypeID === CHAR_OID) {
              charColumns.push(index);
              field.dataTypeID = TEXT_OID;
            } else if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
          });
          return result;
        },
      },
    });
    const out = await queryRaw.call(self, query);
    for (const index of charColumns) out.columnTypes[index] = COLUMN_TYPE_CHARACTER;
    return out;
  };
  return adapter;
}

// adapter-pg's executeScript splits a migration on ";", which breaks $$-quoted function bodies: send it whole.
function sendScriptsWhole(adapter) {
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

const prepare = (adapter) => sendScriptsWhole(patchCatalogTypes(adapter));

function adapterFactory() {
  const { config, schema } = pgConfigOf(args.datasource.url);
  const factory = new PrismaPg(config, schema ? { schema } : undefined);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => prepare(await connect());

  if (args.datasource.shadowDatabaseUrl) {
    const shadow = pgConfigOf(args.datasource.shadowDatabaseUrl);
    // The engine expects an empty database on every connectToShadowDb() call.
    factory.connectToShadowDb = async () => {
      await withClient(shadow.config, (c) =>
        c.query(`DO $$ DECLARE s text; BEGIN
          FOR s IN SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog','information_schema','pg_toast')
              AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'
          LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP;
          CREATE SCHEMA public; END $$`),
      );
      return prepare(
        await new PrismaPg(shadow.config, shadow.schema ? { schema: shadow.schema } : undefined).connect(),
      );
    };
  } else {
    // adapter-pg 7.10 drops its temporary shadow database before closing the pool ("being accessed by other
    // users"): close first, then drop.
    factory.connectToShadowDb = async () => {
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await withClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      const adapter = prepare(await new PrismaPg({ ...config, database: name }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await withClient(config, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
      };
      return adapter;
    };
  }
  return bindMigrationAwareSqlAdapterFactory(factory);
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const SchemaEngine = await loadWasmEngine();
const datamodels = args.datamodels.map((p) => [p, fs.readFileSync(path.resolve(process.cwd(), p), "utf8")]);
const engine = await SchemaEngine.new(
  { datamodels: datamodels.length ? datamodels : undefined },
  (line) => {
    if (typeof line === "string") process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  },
  adapterFactory(),
);

// Methods the native binary answers itself but the wasm engine does not expose.
const extraMethods = {
  async createDatabase() {
    const { config } = pgConfigOf(args.datasource.url);
    await withClient({ ...config, database: "postgres" }, (c) =>
      c.query(`CREATE DATABASE ${quoteIdent(config.database)}`),
    );
    return { databaseName: config.database };
  },
  getDatabaseVersion: (params) => engine.version(params),
};

async function handle({ id, method, params }) {
  try {
    let result;
    if (extraMethods[method]) result = await extraMethods[method](params);
    else if (typeof engine[method] === "function") result = await engine[method](params ?? undefined);
    else
      throw Object.assign(new Error(`method not supported by the wasm schema engine: ${method}`), { rpcCode: -32601 });
    if (method === "diff" && typeof result?.stdout === "string") {
      // The native engine prints a diff through a `print` request to the CLI.
      send({
        jsonrpc: "2.0",
        id: `print-${id}`,
        method: "print",
        params: { content: result.stdout.replace(/\n$/, "") },
      });
      result = { exitCode: result.exitCode };
    }
    send({ jsonrpc: "2.0", id, result: result ?? {} });
  } catch (error) {
    const isPanic = error instanceof WebAssembly.RuntimeError || error?.name === "RuntimeError";
    const panicMessage = globalThis.PRISMA_WASM_PANIC_REGISTRY.message;
    send({
      jsonrpc: "2.0",
      id,
      error: {
        code: error?.rpcCode ?? 4466,
        message: "An error happened. Check the data field for details.",
        data: {
          is_panic: isPanic,
          message: isPanic && panicMessage ? panicMessage : String(error?.message ?? error),
          error_code: error?.code,
          meta: error?.meta,
        },
      },
    });
  }
}

let queue = Promise.resolve(); // the engine is not re-entrant: one request at a time
const input = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
input.on("line", (line) => {
  if (!line.trim()) return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (!message.method) return; // the CLI's answer to one of our `print` requests
  queue = queue.then(() => handle(message));
});
input.on("close", async () => {
  await queue;
  try {
    engine.free();
  } catch {}
  process.exit(0);
});
