import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Button, Card, Checkbox, ErrorText, Field, Input } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useWorkspace } from "../../session/session.tsx";

type Campaign = RouterOutputs["campaigns"]["get"];
const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** When the campaign may send: days, a window in the lead's (or the campaign's) time zone, a daily cap. */
export function ScheduleForm({ campaign }: { campaign: Campaign }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const [s, setS] = useState({
    name: campaign.name,
    sendDays: campaign.sendDays,
    windowStart: campaign.windowStart,
    windowEnd: campaign.windowEnd,
    timeZone: campaign.timeZone,
    useLeadTimeZone: campaign.useLeadTimeZone,
    dailyCap: campaign.dailyCap,
    stopOnReply: campaign.stopOnReply,
    stopOnAutoReply: campaign.stopOnAutoReply,
  });
  const update = useMutation(
    trpc.campaigns.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }),
    }),
  );
  const error = actionError(update);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ workspaceId: workspace.id, campaignId: campaign.id, ...s });
  };
  const toggleDay = (day: number) =>
    setS({
      ...s,
      sendDays: s.sendDays.includes(day) ? s.sendDays.filter((d) => d !== day) : [...s.sendDays, day].sort(),
    });
  return (
    <Card title="Schedule" description="Messages go out only inside this window, with random gaps between sends.">
      <form onSubmit={submit} className="grid max-w-2xl gap-3 sm:grid-cols-2" noValidate aria-label="Schedule">
        <div className="sm:col-span-2">
          <Field label="Campaign name" error={error.fields.name}>
            {(p) => <Input {...p} value={s.name} onChange={(e) => setS({ ...s, name: e.target.value })} />}
          </Field>
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-xs font-medium text-slate-700">Sending days</legend>
          <div className="flex flex-wrap gap-3">
            {days.map((label, i) => (
              <Checkbox
                key={label}
                label={label}
                checked={s.sendDays.includes(i + 1)}
                onChange={() => toggleDay(i + 1)}
              />
            ))}
          </div>
          {error.fields.sendDays ? <p className="text-xs text-red-600">{error.fields.sendDays}</p> : null}
        </fieldset>
        <Field label="Window opens" error={error.fields.windowStart}>
          {(p) => (
            <Input
              {...p}
              type="time"
              value={s.windowStart}
              onChange={(e) => setS({ ...s, windowStart: e.target.value })}
            />
          )}
        </Field>
        <Field label="Window closes" error={error.fields.windowEnd}>
          {(p) => (
            <Input {...p} type="time" value={s.windowEnd} onChange={(e) => setS({ ...s, windowEnd: e.target.value })} />
          )}
        </Field>
        <Field label="Campaign time zone" hint="Used for leads without a time zone." error={error.fields.timeZone}>
          {(p) => (
            <>
              <Input
                {...p}
                list="time-zones"
                value={s.timeZone}
                onChange={(e) => setS({ ...s, timeZone: e.target.value })}
              />
              <datalist id="time-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Daily cap (whole campaign)" error={error.fields.dailyCap}>
          {(p) => (
            <Input
              {...p}
              type="number"
              min={1}
              value={s.dailyCap}
              onChange={(e) => setS({ ...s, dailyCap: Number(e.target.value) })}
            />
          )}
        </Field>
        <div className="space-y-1 sm:col-span-2">
          <Checkbox
            label="Use each lead's own time zone"
            checked={s.useLeadTimeZone}
            onChange={(e) => setS({ ...s, useLeadTimeZone: e.target.checked })}
          />
          <br />
          <Checkbox
            label="Stop a lead's sequence when they reply"
            checked={s.stopOnReply}
            onChange={(e) => setS({ ...s, stopOnReply: e.target.checked })}
          />
          <br />
          <Checkbox
            label="Also stop on an auto-reply (out of office)"
            checked={s.stopOnAutoReply}
            onChange={(e) => setS({ ...s, stopOnAutoReply: e.target.checked })}
          />
        </div>
        <div className="flex items-center gap-2 sm:col-span-2">
          <Button type="submit" busy={update.isPending}>
            Save schedule
          </Button>
          {update.isSuccess && !update.isPending ? (
            <span role="status" className="text-sm text-emerald-700">
              Saved.
            </span>
          ) : null}
          <ErrorText error={error.general} />
        </div>
      </form>
    </Card>
  );
}
