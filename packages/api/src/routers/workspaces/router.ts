import { router } from "../../trpc.ts";
import { createWorkspace, listMyWorkspaces } from "./create.ts";
import { getWorkspace } from "./get.ts";
import { workspaceHealth } from "./health.ts";
import { downloadDpa, planUsage } from "./plan.ts";
import { renameWorkspace, updateSenderIdentity } from "./update.ts";

export const workspacesRouter = router({
  create: createWorkspace,
  listMine: listMyWorkspaces,
  get: getWorkspace,
  rename: renameWorkspace,
  updateSenderIdentity,
  health: workspaceHealth,
  plan: planUsage,
  dpa: downloadDpa,
});
