import { cn } from "../cn.ts";

export interface CheckStep {
  name: string;
  ok: boolean | null;
  detail?: string | null;
}

/** The steps of a check (DNS, TCP, TLS, authentication), each passed, failed or not reached, with its detail. */
export function CheckSteps({ steps, label }: { steps: readonly CheckStep[]; label: string }) {
  return (
    <ol aria-label={label} className="space-y-1">
      {steps.map((step) => (
        <li key={step.name} className="flex items-start gap-2 text-sm">
          <span
            aria-hidden
            className={cn(
              "mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold text-white",
              step.ok === true ? "bg-emerald-600" : step.ok === false ? "bg-red-600" : "bg-slate-300",
            )}
          >
            {step.ok === true ? "✓" : step.ok === false ? "!" : "·"}
          </span>
          <span>
            <span className="font-medium">{step.name}</span>
            <span className="sr-only">
              {step.ok === true ? " passed" : step.ok === false ? " failed" : " not reached"}
            </span>
            {step.detail ? <span className="text-slate-500"> — {step.detail}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
