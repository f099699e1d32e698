const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const number = new Intl.NumberFormat();

export const formatDateTime = (d: Date | null | undefined) => (d ? dateTime.format(d) : "—");
export const formatNumber = (n: number) => number.format(n);
export const formatPercent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
