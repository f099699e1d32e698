/**
 * A progress bar drawn in SVG: its fill is an attribute, not an inline style, so the strict CSP (no
 * 'unsafe-inline' styles) has nothing to block.
 */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>{Math.round(fraction * 100)}%</span>
      </div>
      <svg
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className="h-2 w-full overflow-hidden rounded-full"
        viewBox="0 0 100 2"
        preserveAspectRatio="none"
      >
        <rect width="100" height="2" className="fill-slate-200" />
        <rect width={fraction * 100} height="2" className="fill-indigo-600" />
      </svg>
    </div>
  );
}
