import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Alert, Button, ErrorText } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { useMe } from "../../session/session.tsx";
import { AuthLayout } from "./auth-layout.tsx";

/** The link an admin sends: the signed-in person joins the workspace with the role they were invited to. */
export function AcceptInvitationPage() {
  const { token = "" } = useParams();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accept = useMutation(
    trpc.members.accept.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        navigate(`/w/${r.workspaceId}/campaigns`);
      },
    }),
  );
  return (
    <AuthLayout
      title="Join a workspace"
      footer={
        <a href="/" className="underline">
          Back to your dashboard
        </a>
      }
    >
      <div className="space-y-3">
        <Alert tone="info">You are signed in as {me.user.email}. The invitation must be for this address.</Alert>
        <ErrorText error={actionError(accept).message} />
        <Button className="w-full" busy={accept.isPending} onClick={() => accept.mutate({ token })}>
          Accept invitation
        </Button>
      </div>
    </AuthLayout>
  );
}
