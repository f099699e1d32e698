import { useTRPC } from "@mailflow/api-client/react";
import { Badge, Button, Card, ErrorText, Field, Input, SecretOnce, Select, Spinner, Table } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { formatDateTime } from "../lib/format.ts";
import { isAdmin, useCurrentUser, useServerUrl, useWorkspace } from "../workspace-context.tsx";

type Role = "OWNER" | "ADMIN" | "MEMBER";

/** Members and their roles; invitations as a link the admin sends (MailFlow sends no account mail of its own yet). */
export function MembersCard() {
  const workspace = useWorkspace();
  // Null when signed in with an API key: then no row is "you".
  const myId = useCurrentUser()?.id;
  const serverUrl = useServerUrl();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions({ workspaceId: workspace.id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("MEMBER");
  const invite = useMutation(trpc.members.invite.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess: refresh }));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const admin = isAdmin(workspace.role);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ workspaceId: workspace.id, email, role }, { onSuccess: () => setEmail("") });
  };
  if (members.isPending) return <Spinner />;
  if (members.isError) return <ErrorText error={members.error.message} />;
  return (
    <Card title="Members">
      <Table
        caption="Members"
        rows={members.data.members}
        rowKey={(m) => m.userId}
        columns={[
          {
            header: "Member",
            cell: (m) => (
              <span title={m.email}>
                {m.name}
                <br />
                <span className="text-xs text-slate-500">{m.email}</span>
              </span>
            ),
          },
          {
            header: "Role",
            cell: (m) =>
              admin && m.userId !== myId ? (
                <Select
                  aria-label={`Role of ${m.email}`}
                  value={m.role}
                  onChange={(e) =>
                    changeRole.mutate({ workspaceId: workspace.id, userId: m.userId, role: e.target.value as Role })
                  }
                >
                  <option value="MEMBER">member</option>
                  <option value="ADMIN">admin</option>
                  <option value="OWNER">owner</option>
                </Select>
              ) : (
                <Badge>{m.role.toLowerCase()}</Badge>
              ),
          },
          {
            header: "",
            cell: (m) =>
              admin || m.userId === myId ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    confirm(m.userId === myId ? "Leave this workspace?" : `Remove ${m.email}?`) &&
                    remove.mutate({ workspaceId: workspace.id, userId: m.userId })
                  }
                >
                  {m.userId === myId ? "Leave" : "Remove"}
                </Button>
              ) : null,
          },
        ]}
      />
      <ErrorText error={actionError(changeRole).message ?? actionError(remove).message} />
      {admin ? (
        <div className="mt-4 space-y-3 border-t border-slate-200 pt-3">
          <form
            onSubmit={submit}
            className="grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-end"
            aria-label="Invite a member"
          >
            <Field label="Invite by email" error={actionError(invite).fields.email}>
              {(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label="Role">
              {(p) => (
                <Select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  <option value="MEMBER">member</option>
                  <option value="ADMIN">admin</option>
                  {workspace.role === "OWNER" ? <option value="OWNER">owner</option> : null}
                </Select>
              )}
            </Field>
            <Button type="submit" busy={invite.isPending}>
              Invite
            </Button>
          </form>
          <ErrorText error={actionError(invite).general} />
          {invite.data ? (
            <SecretOnce label="invitation link" value={`${serverUrl}/invite/${invite.data.token}`} />
          ) : null}
          {members.data.invitations.length ? (
            <Table
              caption="Pending invitations"
              rows={members.data.invitations}
              rowKey={(i) => i.id}
              columns={[
                { header: "Invited", cell: (i) => i.email },
                { header: "Role", cell: (i) => i.role.toLowerCase() },
                { header: "Expires", cell: (i) => formatDateTime(i.expiresAt) },
                {
                  header: "",
                  cell: (i) => (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => revoke.mutate({ workspaceId: workspace.id, invitationId: i.id })}
                    >
                      Revoke
                    </Button>
                  ),
                },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
