import { useMailStack } from "@mailflow/mail/testing";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mailStackDir: string;
    /** Not provided here (the test starts an embedded database); declared because the API harness reads it. */
    databaseUrl: string;
  }
}

/** The real mail stack; the database is the embedded one each test starts itself. */
export default function setup(project: TestProject) {
  const stack = useMailStack(7000);
  project.provide("mailStackDir", stack.dir);
  return () => stack.stop();
}
