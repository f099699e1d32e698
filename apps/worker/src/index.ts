export { runSchedulerTick, type TickReport } from "./scheduler/tick.ts";
export { processSendJob, type SendOutcome } from "./sender/send-message.ts";
export { createWorker, type Worker, type WorkerOptions } from "./worker.ts";
