// Components shared by the web dashboard and the desktop app's renderer. Styled with Tailwind classes only: the
// apps' stylesheets scan this folder, and nothing here writes an inline style the CSP would block.
export { BarChart, type Series } from "./charts/bar-chart.tsx";
export { cn } from "./cn.ts";
export { type CheckStep, CheckSteps } from "./data/check-steps.tsx";
export { type QueryLike, QueryView } from "./data/query-view.tsx";
export { SecretOnce } from "./data/secret-once.tsx";
export { type Column, Pager, Stat, Table } from "./data/table.tsx";
export { Alert, EmptyState, ErrorText, Spinner } from "./feedback/alert.tsx";
export { ProgressBar } from "./feedback/progress.tsx";
export { Checkbox, Field, Input, Select, Textarea } from "./forms/field.tsx";
export { SearchForm } from "./forms/search-form.tsx";
export { Badge, type Tone } from "./primitives/badge.tsx";
export { Button, type ButtonProps } from "./primitives/button.tsx";
export { Card, PageHeader } from "./primitives/card.tsx";
export { Dialog } from "./primitives/dialog.tsx";
export { TabBar } from "./primitives/tab-bar.tsx";
