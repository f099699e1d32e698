import { describe, expect, it } from "vitest";
import type { BackupInfo } from "./pgbackrest.ts";
import { dueBackup } from "./schedule.ts";

const at = (iso: string) => Date.parse(iso) / 1000;
const backup = (type: BackupInfo["type"], stop: string): BackupInfo => ({
  label: `${stop}-${type}`,
  type,
  timestamp: { start: at(stop) - 60, stop: at(stop) },
});
const now = new Date("2026-11-29T03:00:00Z");

describe("the daily backup", () => {
  it("starts with a full backup", () => {
    expect(dueBackup([], now)).toBe("full");
  });
  it("takes a differential once a day, and nothing sooner", () => {
    expect(dueBackup([backup("full", "2026-11-28T02:59:00Z")], now)).toBe("diff");
    expect(dueBackup([backup("full", "2026-11-28T03:01:00Z")], now)).toBeNull();
    expect(dueBackup([backup("full", "2026-11-25T03:00:00Z"), backup("diff", "2026-11-28T12:00:00Z")], now)).toBeNull();
  });
  it("takes a full backup when the last full one is a week old", () => {
    expect(dueBackup([backup("full", "2026-11-22T03:00:00Z"), backup("diff", "2026-11-28T23:00:00Z")], now)).toBe(
      "full",
    );
  });
});
