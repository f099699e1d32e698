import { adminRouter } from "./routers/admin/router.ts";
import { apiKeysRouter } from "./routers/api-keys/router.ts";
import { auditRouter } from "./routers/audit/router.ts";
import { authRouter } from "./routers/auth/router.ts";
import { campaignsRouter } from "./routers/campaigns/router.ts";
import { inboxRepliesRouter } from "./routers/inbox-replies/router.ts";
import { inboxesRouter } from "./routers/inboxes/router.ts";
import { leadsRouter } from "./routers/leads/router.ts";
import { membersRouter } from "./routers/members/router.ts";
import { privacyRouter } from "./routers/privacy/router.ts";
import { suppressionRouter } from "./routers/suppression/router.ts";
import { webhooksRouter } from "./routers/webhooks/router.ts";
import { workspacesRouter } from "./routers/workspaces/router.ts";
import { router } from "./trpc.ts";

/** The root only lists domains; each lives in routers/<domain>/. */
export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  inboxes: inboxesRouter,
  audit: auditRouter,
  suppression: suppressionRouter,
  leads: leadsRouter,
  campaigns: campaignsRouter,
  webhooks: webhooksRouter,
  inboxReplies: inboxRepliesRouter,
  admin: adminRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
