import { router } from "../../trpc.ts";
import { listUsers, listWorkspaces } from "./directory.ts";
import { setPlan, setRegion } from "./plans.ts";

/** Platform operators only (procedures/platform-admin.ts): the server enforces it on every procedure here. */
export const adminRouter = router({ users: listUsers, workspaces: listWorkspaces, setPlan, setRegion });
