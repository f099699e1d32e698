import { createFreshDatabase } from "@mailflow/db/testing";
import { useMailStack } from "@mailflow/mail/testing";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    mailStackDir: string;
  }
}

/**
 * A migrated template database (each test file clones its own, since a worker acts on every job in its database)
 * and the real mail stack.
 */
export default async function setup(project: TestProject) {
  const template = await createFreshDatabase("mailflow_worker_test");
  const stack = useMailStack(6000);
  project.provide("databaseUrl", template.url);
  project.provide("mailStackDir", stack.dir);
  return async () => {
    stack.stop();
    await template.drop();
  };
}
