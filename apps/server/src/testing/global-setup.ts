import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createFreshDatabase } from "@mailflow/db/testing";
import type { TestProject } from "vitest/node";
import { ensureSelfSignedCertificate } from "../self-signed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    certFile: string;
    keyFile: string;
  }
}

/** A fresh migrated database and a self-signed certificate for this run. */
export default async function setup(project: TestProject) {
  const fresh = await createFreshDatabase("mailflow_server_test");
  const { certFile, keyFile } = await ensureSelfSignedCertificate(mkdtempSync(path.join(tmpdir(), "mailflow-tls-")));
  project.provide("databaseUrl", fresh.url);
  project.provide("certFile", certFile);
  project.provide("keyFile", keyFile);
  return () => fresh.drop();
}
