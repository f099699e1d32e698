import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError, formatNumber, inboxStatusTone } from "@mailflow/features";
import { Badge, Button, Card, Checkbox, ErrorText, Field, Select } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../../session/session.tsx";

type Campaign = RouterOutputs["campaigns"]["get"];

/** Who receives the campaign (lead lists) and which inboxes send it (rotated, each within its own limits). */
export function AudiencePanel({ campaign }: { campaign: Campaign }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
  const inboxes = useQuery(trpc.inboxes.list.queryOptions({ workspaceId: workspace.id, limit: 200 }));
  const lists = useQuery(trpc.leads.lists.queryOptions({ workspaceId: workspace.id }));
  const [selected, setSelected] = useState<string[]>(campaign.inboxIds);
  const [listId, setListId] = useState("");
  const setInboxes = useMutation(trpc.campaigns.setInboxes.mutationOptions({ onSuccess: refresh }));
  const addLeads = useMutation(trpc.campaigns.addLeads.mutationOptions({ onSuccess: refresh }));
  const editable = campaign.status === "DRAFT";

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card
        title="Sending inboxes"
        description="MailFlow rotates between them; each keeps its own daily limit and ramp-up."
      >
        <fieldset className="space-y-1.5" aria-label="Sending inboxes">
          {inboxes.data?.items.map((inbox) => (
            <div key={inbox.id} className="flex items-center justify-between gap-2">
              <Checkbox
                label={inbox.email}
                checked={selected.includes(inbox.id)}
                onChange={(e) =>
                  setSelected(e.target.checked ? [...selected, inbox.id] : selected.filter((id) => id !== inbox.id))
                }
              />
              <span className="flex gap-1">
                <Badge tone={inboxStatusTone[inbox.status]}>{inbox.status.toLowerCase()}</Badge>
                <Badge>{inbox.dailyLimit}/day</Badge>
              </span>
            </div>
          ))}
          {inboxes.data?.items.length === 0 ? <p className="text-sm text-slate-500">Connect an inbox first.</p> : null}
        </fieldset>
        <div className="mt-3 flex items-center gap-2">
          <Button
            busy={setInboxes.isPending}
            onClick={() =>
              setInboxes.mutate({ workspaceId: workspace.id, campaignId: campaign.id, inboxIds: selected })
            }
          >
            Save inboxes
          </Button>
          {setInboxes.isSuccess ? (
            <span role="status" className="text-sm text-emerald-700">
              {setInboxes.data.inboxes} inboxes will send.
            </span>
          ) : null}
          <ErrorText error={actionError(setInboxes).message} />
        </div>
      </Card>
      <Card title="Leads" description={`${formatNumber(campaign.leadCount)} leads in this campaign.`}>
        {editable ? (
          <div className="space-y-2">
            <Field label="Add a lead list">
              {(p) => (
                <Select {...p} value={listId} onChange={(e) => setListId(e.target.value)}>
                  <option value="">Choose a list</option>
                  {lists.data?.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name} ({formatNumber(l.leadCount)})
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button
              variant="secondary"
              disabled={!listId}
              busy={addLeads.isPending}
              onClick={() => addLeads.mutate({ workspaceId: workspace.id, campaignId: campaign.id, listId })}
            >
              Add leads
            </Button>
            {addLeads.isSuccess ? (
              <p role="status" className="text-sm text-emerald-700">
                {addLeads.data.added} leads added (already added ones are skipped).
              </p>
            ) : null}
            <ErrorText error={actionError(addLeads).message} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">Leads cannot be added after launch.</p>
        )}
      </Card>
    </div>
  );
}
