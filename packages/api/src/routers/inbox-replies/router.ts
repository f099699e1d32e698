import { router } from "../../trpc.ts";
import { getThread, listReplies, markRead, setLabel } from "./read.ts";
import { sendReply } from "./reply.ts";

/** The unified inbox: replies across every inbox of the workspace. */
export const inboxRepliesRouter = router({
  list: listReplies,
  thread: getThread,
  markRead,
  setLabel,
  reply: sendReply,
});
