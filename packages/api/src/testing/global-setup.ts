import { createFreshDatabase } from "@mailflow/db/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh database per test run, migrated by the repo's migration files; dropped afterwards. */
export default async function setup(project: TestProject) {
  const fresh = await createFreshDatabase("mailflow_api_test");
  project.provide("databaseUrl", fresh.url);
  return () => fresh.drop();
}
