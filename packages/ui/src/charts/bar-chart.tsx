export interface Series {
  name: string;
  /** A Tailwind fill class: the colour lives in the stylesheet, never in an inline style (the CSP). */
  fillClass: string;
  values: readonly number[];
}

/**
 * Grouped bars per category (a day, a step, an inbox), in SVG with a legend and an accessible table of the same
 * figures for screen readers. Small on purpose: a charting library would bring more weight than this page needs.
 * Up to 8 groups are labelled one by one; more (days) show the first and last label.
 */
export function BarChart({
  labels,
  series,
  title,
  axisLabel = "Day",
}: {
  labels: readonly string[];
  series: readonly Series[];
  title: string;
  axisLabel?: string;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupWidth = 100 / Math.max(1, labels.length);
  // Bars stay bars with few groups (at most 6% of the width each), centred in their group.
  const innerWidth = Math.min(groupWidth * 0.8, series.length * 6);
  const barWidth = innerWidth / Math.max(1, series.length);
  return (
    <figure className="space-y-2" aria-label={title}>
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
                x={i * groupWidth + (groupWidth - innerWidth) / 2 + j * barWidth}
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
      {labels.length <= 8 ? (
        <div className="flex text-[10px] text-slate-500">
          {labels.map((label) => (
            <span key={label} className="flex-1 truncate px-1 text-center" title={label}>
              {label}
            </span>
          ))}
        </div>
      ) : (
        <div className="flex justify-between text-[10px] text-slate-500">
          <span>{labels[0] ?? ""}</span>
          <span>{labels.at(-1) ?? ""}</span>
        </div>
      )}
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>{axisLabel}</th>
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
