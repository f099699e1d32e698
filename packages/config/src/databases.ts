import { z } from "zod";

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" });

/** The databases every process reads (server, worker, operator commands): one definition, spread into each schema. */
export const databaseUrlFields = {
  DATABASE_URL: postgresUrl,
  /**
   * Data residency: the databases of the EU and US regions (each workspace's data lives only in its region's).
   * Unset: that region's data stays in DATABASE_URL, which always holds users and the workspace directory.
   */
  DATABASE_URL_EU: postgresUrl.optional(),
  DATABASE_URL_US: postgresUrl.optional(),
};
