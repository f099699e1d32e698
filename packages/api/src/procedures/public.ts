import { baseProcedure } from "../trpc.ts";

export const publicProcedure = baseProcedure.meta({ scope: "public" });
