// The contract shared by every client. Clients import types only: `import type { AppRouter } from "@mailflow/api"`.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export type { AppRouter } from "./root.ts";
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
