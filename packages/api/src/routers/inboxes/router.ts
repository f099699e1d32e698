import { router } from "../../trpc.ts";
import { connectInbox } from "./connect.ts";
import { inboxHealth } from "./health.ts";
import { pauseInbox, removeInbox, resumeInbox, testInboxConnection } from "./lifecycle.ts";
import { getInbox, listInboxes, listPresets } from "./read.ts";
import { updateInboxConnection, updateInboxSettings } from "./update.ts";

export const inboxesRouter = router({
  presets: listPresets,
  connect: connectInbox,
  list: listInboxes,
  get: getInbox,
  health: inboxHealth,
  updateSettings: updateInboxSettings,
  updateConnection: updateInboxConnection,
  test: testInboxConnection,
  pause: pauseInbox,
  resume: resumeInbox,
  remove: removeInbox,
});
