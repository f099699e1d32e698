import type { RouterInputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Alert, Button, Card, ErrorText, Field, Input } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../../session/session.tsx";
import { templateProblem, VariableEditor } from "./variable-textarea.tsx";

type StepDraft = RouterInputs["campaigns"]["setSteps"]["steps"][number];
type VariantDraft = StepDraft["variants"][number];

const newVariant = (): VariantDraft => ({ subject: "", body: "", bodyFormat: "text", weight: 50 });
const MINUTES_PER_DAY = 24 * 60;

/** Reads the stored steps (the API types the variants column as unknown) into editable drafts. */
export function toDrafts(steps: readonly { delayMinutes: number; variants: unknown }[]): StepDraft[] {
  return steps.map((s) => ({
    delayMinutes: s.delayMinutes,
    variants: (Array.isArray(s.variants) ? s.variants : []).map((v: Partial<VariantDraft>) => ({
      subject: v.subject ?? "",
      body: v.body ?? "",
      bodyFormat: v.bodyFormat ?? "text",
      weight: v.weight ?? 50,
    })),
  }));
}

/**
 * The sequence: steps with a delay after the previous one, each with up to five weighted variants (A/B tests).
 * Subjects and bodies take {{variables}} with a fallback ({{firstName|there}}) and {spin|tax}.
 */
export function SequenceEditor({
  campaignId,
  initial,
  variables,
  editable,
}: {
  campaignId: string;
  initial: StepDraft[];
  variables: readonly string[];
  editable: boolean;
}) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [steps, setSteps] = useState<StepDraft[]>(
    initial.length ? initial : [{ delayMinutes: 0, variants: [newVariant()] }],
  );
  const save = useMutation(
    trpc.campaigns.setSteps.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }),
    }),
  );
  const error = actionError(save);
  const setStep = (i: number, step: StepDraft) => setSteps(steps.map((s, j) => (j === i ? step : s)));
  const setVariant = (i: number, v: number, variant: VariantDraft) =>
    setStep(i, { ...steps[i]!, variants: steps[i]!.variants.map((x, k) => (k === v ? variant : x)) });
  const hasProblem = steps.some((s) => s.variants.some((v) => templateProblem(v.subject) || templateProblem(v.body)));

  return (
    <div className="space-y-4">
      {!editable ? <Alert tone="info">This campaign has been launched: its steps are shown as sent.</Alert> : null}
      {steps.map((step, i) => (
        <Card
          key={i}
          title={`Step ${i + 1}`}
          description={
            i === 0
              ? "Sent when the lead enters the campaign (within the sending window)."
              : "Sent if the lead has not replied."
          }
          actions={
            editable && steps.length > 1 ? (
              <Button size="sm" variant="ghost" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                Remove step
              </Button>
            ) : null
          }
        >
          <fieldset disabled={!editable} className="space-y-4">
            {i > 0 ? (
              <div className="max-w-xs">
                <Field label="Wait after the previous step (days)">
                  {(p) => (
                    <Input
                      {...p}
                      type="number"
                      min={0}
                      step={0.5}
                      value={step.delayMinutes / MINUTES_PER_DAY}
                      onChange={(e) =>
                        setStep(i, { ...step, delayMinutes: Math.round(Number(e.target.value) * MINUTES_PER_DAY) })
                      }
                    />
                  )}
                </Field>
              </div>
            ) : null}
            {step.variants.map((variant, v) => (
              <div key={v} className="space-y-2 rounded-md border border-slate-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                    Variant {String.fromCharCode(65 + v)}
                  </h3>
                  <div className="flex items-center gap-2">
                    {step.variants.length > 1 ? (
                      <label className="flex items-center gap-1 text-xs text-slate-600">
                        Weight
                        <input
                          aria-label={`Weight of variant ${String.fromCharCode(65 + v)}`}
                          type="number"
                          min={0}
                          max={100}
                          className="w-16 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                          value={variant.weight}
                          onChange={(e) => setVariant(i, v, { ...variant, weight: Number(e.target.value) })}
                        />
                      </label>
                    ) : null}
                    {step.variants.length > 1 ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setStep(i, { ...step, variants: step.variants.filter((_, k) => k !== v) })}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </div>
                </div>
                <VariableEditor
                  label={`Step ${i + 1} subject${step.variants.length > 1 ? ` (variant ${String.fromCharCode(65 + v)})` : ""}`}
                  value={variant.subject}
                  onChange={(subject) => setVariant(i, v, { ...variant, subject })}
                  variables={variables}
                />
                <VariableEditor
                  label={`Step ${i + 1} body${step.variants.length > 1 ? ` (variant ${String.fromCharCode(65 + v)})` : ""}`}
                  value={variant.body}
                  onChange={(body) => setVariant(i, v, { ...variant, body })}
                  variables={variables}
                  multiline
                />
              </div>
            ))}
            {editable && step.variants.length < 5 ? (
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setStep(i, { ...step, variants: [...step.variants, newVariant()] })}
              >
                Add variant (A/B)
              </Button>
            ) : null}
          </fieldset>
        </Card>
      ))}
      {editable ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            onClick={() => setSteps([...steps, { delayMinutes: 3 * MINUTES_PER_DAY, variants: [newVariant()] }])}
            disabled={steps.length >= 20}
          >
            Add step
          </Button>
          <Button
            busy={save.isPending}
            disabled={hasProblem}
            onClick={() => save.mutate({ workspaceId: workspace.id, campaignId, steps })}
          >
            Save sequence
          </Button>
          {save.isSuccess && !save.isPending ? (
            <span className="text-sm text-emerald-700" role="status">
              Sequence saved.
            </span>
          ) : null}
          <ErrorText error={error.message} />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">
        Variables: {variables.map((v) => `{{${v}}}`).join(" ")}. Fallback: {"{{firstName|there}}"}. Spintax:{" "}
        {"{Hi|Hello}"}. Every message gets your sender identity and a one-click unsubscribe link.
      </p>
    </div>
  );
}
