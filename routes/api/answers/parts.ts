// Pieces that several answer schemas are built from, none an answer of its own: index.ts leaves
// this file out, so that no route can name one as what it answers.

import { z } from "zod";

/** A failure in the API's words inside an answer that goes on (a batch's VM, a job, a run). */
export const FailureWords = z.object({ code: z.string(), message: z.string() });

/**
 * libvirt's three flags of a pool or a network: started now, started with the host, and defined
 * (a transient one is gone once stopped).
 */
export const lifecycleFields = {
  active: z.boolean(),
  autostart: z.boolean(),
  persistent: z.boolean(),
};
