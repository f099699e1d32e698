import type { Db, Inbox } from "../index.ts";

/**
 * An inbox row written straight to the database, for tests of what happens to stored rows (key checks, rotation).
 * Tests of connecting an inbox go through the API against the real mail stack instead.
 */
export function insertInboxRow(
  db: Db,
  row: { id: string; workspaceId: string; email: string; passwordSealed: string },
): Promise<Inbox> {
  return db.inbox.create({
    data: {
      ...row,
      fromName: "Fixture",
      provider: "custom",
      smtpHost: "smtp.example.test",
      smtpPort: 465,
      smtpSecurity: "TLS",
      imapHost: "imap.example.test",
      imapPort: 993,
      imapSecurity: "TLS",
      username: row.email,
    },
  });
}
