import { cn } from "../cn.ts";

export interface Series {
  name: string;
  /** A Tailwind fill class: the colour lives in the stylesheet, never in an inline style (the CSP). */
  fillClass: string;
  values: readonly number[];
}

/**
 * Grouped bars per period (day), in SVG with a legend and an accessible table of the same figures for screen
 * readers. Small on purpose: a charting library would bring more weight than this page needs.
 */
export function TimeSeriesChart({
  labels,
  series,
  title,
}: {
  labels: readonly string[];
  series: readonly Series[];
  title: string;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  // A few days of data should still look like bars, not blocks: a group is at most 1/12 of the width.
  const groupWidth = Math.min(100 / Math.max(1, labels.length), 100 / 12);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <span className="font-medium text-slate-800">{title}</span>
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1">
            <svg aria-hidden className="size-2.5" viewBox="0 0 1 1">
              <rect width="1" height="1" className={s.fillClass} />
            </svg>
            {s.name}
          </span>
        ))}
      </figcaption>
      <svg aria-hidden className="h-40 w-full" viewBox="0 0 100 40" preserveAspectRatio="none">
        <line x1="0" y1="40" x2="100" y2="40" className="stroke-slate-300" strokeWidth="0.2" />
        {labels.map((label, i) =>
          series.map((s, j) => {
            const value = s.values[i] ?? 0;
            const height = (value / max) * 38;
            return (
              <rect
                key={`${label}-${s.name}`}
                x={i * groupWidth + groupWidth * 0.1 + j * barWidth}
                y={40 - height}
                width={barWidth}
                height={height}
                className={s.fillClass}
              >
                <title>{`${label} · ${s.name}: ${value}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <div className={cn("flex justify-between text-[10px] text-slate-500")}>
        <span>{labels[0] ?? ""}</span>
        <span>{labels.at(-1) ?? ""}</span>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Day</th>
            {series.map((s) => (
              <th key={s.name}>{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <td>{label}</td>
              {series.map((s) => (
                <td key={s.name}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
