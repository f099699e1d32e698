import type { FastifyInstance } from "fastify";

/** RFC 9116. Expires is required and must be less than a year ahead: computed, so it never goes stale. */
export function registerSecurityTxt(app: FastifyInstance, options: { contact: string; publicUrl: string }): void {
  const body = () => {
    const expires = new Date(Date.now() + 180 * 24 * 60 * 60 * 1000).toISOString();
    return [
      `Contact: ${options.contact}`,
      `Expires: ${expires}`,
      "Preferred-Languages: en",
      `Canonical: ${new URL("/.well-known/security.txt", options.publicUrl).toString()}`,
      "Policy: We credit reporters in our security advisory feed. PGP key available on request.",
      "",
    ].join("\n");
  };
  app.get("/.well-known/security.txt", async (_request, reply) =>
    reply.type("text/plain; charset=utf-8").header("cache-control", "max-age=86400").send(body()),
  );
}
