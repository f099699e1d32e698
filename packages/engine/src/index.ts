export { csvLine, neutralizeCsvCell } from "./csv/neutralize.ts";
export { leadLimitOf, type PlanName, planLimits, planNames } from "./plans.ts";
export {
  dailyCapacity,
  type InboxPace,
  nextSendAfter,
  nextUtcDay,
  remainingToday,
  sendingDayOf,
  utcDayStart,
} from "./schedule/pace.ts";
export { pickInbox, type RotationCandidate } from "./schedule/rotation.ts";
export { isInWindow, isValidTimeZone, nextWindowOpening, type SendingWindow } from "./schedule/window.ts";
export { type TemplateNode, TemplateSyntaxError } from "./template/ast.ts";
export { appendComplianceFooter, type SenderIdentity } from "./template/footer.ts";
export {
  fieldsOf,
  type LeadMessage,
  type LeadRecord,
  renderForLead,
  type StepVariant,
  stepForLead,
} from "./template/lead-message.ts";
export {
  type ParsedStep,
  parseStep,
  type RenderedMessage,
  renderStep,
  type StepTemplate,
} from "./template/message.ts";
export { parseTemplate, variablesOf } from "./template/parse.ts";
export {
  escapeHtml,
  type LeadFields,
  type RenderMode,
  type RenderResult,
  renderTemplate,
  spinChoice,
} from "./template/render.ts";
export { checkTemplates, type TemplateProblems } from "./template/validate.ts";
export { chooseVariant, type WeightedVariant } from "./template/variants.ts";
