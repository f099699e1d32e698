import { router } from "../../trpc.ts";
import { changeMemberRole } from "./change-role.ts";
import { acceptInvitation, inviteMember, revokeInvitation } from "./invite.ts";
import { listMembers } from "./list.ts";
import { removeMember } from "./remove.ts";

export const membersRouter = router({
  list: listMembers,
  invite: inviteMember,
  revokeInvitation,
  accept: acceptInvitation,
  changeRole: changeMemberRole,
  remove: removeMember,
});
