export { startThrowawayCluster, type ThrowawayCluster } from "./throwaway-cluster.ts";
