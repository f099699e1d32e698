import { createFreshDatabase } from "@mailflow/db/testing";
import { useMailStack } from "@mailflow/mail/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    mailStackDir: string;
  }
}

/** One fresh database per test run, migrated by the repo's migration files, and the real mail stack. */
export default async function setup(project: TestProject) {
  const fresh = await createFreshDatabase("mailflow_api_test");
  const stack = useMailStack(4000);
  project.provide("databaseUrl", fresh.url);
  project.provide("mailStackDir", stack.dir);
  return async () => {
    stack.stop();
    await fresh.drop();
  };
}
