import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { useMailStack } from "./mail-stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mailStackDir: string;
  }
}

export default function setup(project: TestProject) {
  const stack = useMailStack(3000);
  project.provide("mailStackDir", stack.dir);
  return () => stack.stop();
}
