// A worker as its own process, for the crash test: `node --import tsx src/testing/worker-process.ts`, configured
// by the environment exactly like the real one (testWorkerEnv). Prints one line per outcome the parent counts.
import { loadWorkerConfig } from "@mailflow/config";
import { createWorker } from "../worker.ts";

const worker = await createWorker(loadWorkerConfig(), {
  maxConnections: 4,
  log: {
    info: (m) => console.log(m),
    warn: (m) => console.log(m),
    error: (m) => console.error(m),
  },
});
worker.start();
console.log("MailFlow worker running");
process.once("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
