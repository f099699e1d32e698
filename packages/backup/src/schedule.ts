import type { BackupInfo } from "./pgbackrest.ts";

const DAY = 24 * 3600 * 1000;

/**
 * Which backup is due: a full one when there is none or the last is a week old (so a restore never needs more than
 * a week of differentials), a differential when the last backup of any kind is a day old, otherwise none. Pure:
 * the worker asks it every hour with what `pgbackrest info` says.
 */
export function dueBackup(backups: readonly BackupInfo[], now: Date): "full" | "diff" | null {
  const stopped = (b: BackupInfo) => b.timestamp.stop * 1000;
  const fulls = backups.filter((b) => b.type === "full");
  if (fulls.length === 0) return "full";
  const age = (ms: number) => now.getTime() - ms;
  if (age(Math.max(...fulls.map(stopped))) >= 7 * DAY) return "full";
  if (age(Math.max(...backups.map(stopped))) >= DAY) return "diff";
  return null;
}
