// One request at a time for a card or step whose failure shows as one message: busy while the
// call runs (its buttons disabled), the API's words when it fails, cleared on the next try. The
// account page's two-factor cards and the sign-in's enrolment step all work this way.

import { type Request, useRequest } from "./use_request.ts";

export type BusyCall = Request;

export function useBusyCall(): BusyCall {
  return useRequest();
}
