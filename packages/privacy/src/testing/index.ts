export { type ClearTextHit, findClearText } from "./scan.ts";
