import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { Feed } from "feed";
import { z } from "zod";

/** The versioned files behind the public trust pages (docs/trust/), checked when the server starts. */
const trustDir = new URL("../../../../docs/trust/", import.meta.url);

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const subprocessorsSchema = z.object({
  version: z.number().int().positive(),
  updated: day,
  note: z.string(),
  entries: z
    .array(
      z.object({
        name: z.string().min(1),
        purpose: z.string().min(1),
        location: z.string().min(1),
        data: z.string().min(1),
        added: day,
        changed: day.optional(),
        change: z.string().optional(),
      }),
    )
    .min(1),
});
const advisoriesSchema = z.object({
  advisories: z.array(
    z.object({
      id: z.string().regex(/^MF-\d{4}-\d{3}$/),
      title: z.string().min(1),
      published: z.iso.datetime(),
      updated: z.iso.datetime(),
      severity: z.enum(["low", "medium", "high", "critical"]),
      affected: z.string().min(1),
      fixed: z.string().min(1),
      summary: z.string().min(1),
      /** Who reported it: every advisory credits its reporter. */
      credit: z.string().min(1),
    }),
  ),
});

const readTrustFile = <T>(name: string, schema: z.ZodType<T>): T =>
  schema.parse(JSON.parse(readFileSync(new URL(name, trustDir), "utf8")));

/**
 * Public trust pages: the subprocessor list (each entry dated when added or changed) as JSON for the dashboard's
 * /trust page, and security advisories as an Atom feed crediting each reporter. Both come from files in the
 * repository, so a change to them is reviewed and dated like code.
 */
export function registerTrust(app: FastifyInstance, options: { publicUrl: string }): void {
  const subprocessors = readTrustFile("subprocessors.json", subprocessorsSchema);
  const { advisories } = readTrustFile("advisories.json", advisoriesSchema);
  const atom = advisoryFeed(advisories, options.publicUrl);

  app.get("/trust/subprocessors.json", async (_request, reply) =>
    reply.header("cache-control", "public, max-age=300").send(subprocessors),
  );
  app.get("/trust/advisories.atom", async (_request, reply) =>
    reply.type("application/atom+xml; charset=utf-8").header("cache-control", "public, max-age=300").send(atom),
  );
}

function advisoryFeed(advisories: z.infer<typeof advisoriesSchema>["advisories"], publicUrl: string): string {
  const newest =
    advisories
      .map((a) => a.updated)
      .sort()
      .at(-1) ?? "2026-11-01T00:00:00Z";
  const feed = new Feed({
    title: "MailFlow security advisories",
    description: "Security issues fixed in MailFlow, with the versions affected and who reported them.",
    id: `${publicUrl}/trust/advisories.atom`,
    link: `${publicUrl}/trust`,
    feedLinks: { atom: `${publicUrl}/trust/advisories.atom` },
    updated: new Date(newest),
    copyright: "MailFlow contributors",
  });
  for (const advisory of advisories) {
    feed.addItem({
      title: `${advisory.id}: ${advisory.title} (${advisory.severity})`,
      id: `${publicUrl}/trust#${advisory.id}`,
      link: `${publicUrl}/trust#${advisory.id}`,
      date: new Date(advisory.updated),
      published: new Date(advisory.published),
      description: advisory.summary,
      content: `${advisory.summary}\n\nAffected: ${advisory.affected}\nFixed in: ${advisory.fixed}\nCredit: ${advisory.credit}`,
      contributor: [{ name: advisory.credit }],
    });
  }
  return feed.atom1();
}
