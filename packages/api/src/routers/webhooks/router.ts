import { router } from "../../trpc.ts";
import { listDeliveries, redeliver } from "./deliveries.ts";
import { createEndpoint, listEndpoints, removeEndpoint, rotateEndpointSecret, updateEndpoint } from "./manage.ts";

export const webhooksRouter = router({
  create: createEndpoint,
  list: listEndpoints,
  update: updateEndpoint,
  rotateSecret: rotateEndpointSecret,
  remove: removeEndpoint,
  deliveries: listDeliveries,
  redeliver,
});
