import { regions } from "@mailflow/db";
import { z } from "zod";
import { platformAdminProcedure } from "../../procedures/platform-admin.ts";
import { regionField } from "../fields.ts";
import { pageArgs, toPage } from "../shared.ts";
import { type SendingFigures, sendingFigures } from "../workspaces/sending-figures.ts";

const pageInput = z.strictObject({
  search: z.string().trim().toLowerCase().max(254).optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Every account on the platform: who they are, how many workspaces, whether they operate the platform. */
export const listUsers = platformAdminProcedure
  .input(pageInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          email: z.string(),
          name: z.string(),
          platformAdmin: z.boolean(),
          workspaces: z.number(),
          createdAt: z.date(),
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.user.findMany({
      where: input.search ? { email: { contains: input.search } } : {},
      select: {
        id: true,
        email: true,
        name: true,
        platformAdmin: true,
        createdAt: true,
        _count: { select: { memberships: true } },
      },
      orderBy: { id: "asc" },
      ...pageArgs(input),
    });
    return toPage(rows, input.limit, ({ _count, ...u }) => ({ ...u, workspaces: _count.memberships }));
  });

/** Every workspace with its plan, region and sending health, for the operator's overview. */
export const listWorkspaces = platformAdminProcedure
  .input(pageInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          region: regionField,
          plan: z.enum(["FREE", "PRO", "SCALE"]),
          members: z.number(),
          inboxes: z.object({ active: z.number(), paused: z.number(), error: z.number() }),
          queueDepth: z.number(),
          createdAt: z.date(),
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const rows = await db.workspace.findMany({
      where: input.search ? { name: { contains: input.search, mode: "insensitive" } } : {},
      select: {
        id: true,
        name: true,
        region: true,
        plan: true,
        createdAt: true,
        _count: { select: { memberships: true } },
      },
      orderBy: { id: "asc" },
      ...pageArgs(input),
    });
    // Each workspace's figures come from its own region's database.
    const page = rows.slice(0, input.limit);
    const figures = new Map<string, SendingFigures>();
    for (const region of regions) {
      const ids = page.filter((w) => w.region === region).map((w) => w.id);
      if (ids.length === 0) continue;
      for (const [id, f] of await sendingFigures(ctx.deps.regions.of(region), ids)) figures.set(id, f);
    }
    return toPage(rows, input.limit, ({ _count, ...w }) => ({
      ...w,
      members: _count.memberships,
      ...figures.get(w.id)!,
    }));
  });
