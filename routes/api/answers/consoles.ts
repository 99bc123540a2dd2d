// What the console routes answer (routes/api/vnc.ts, spice.ts, serial.ts, screen.ts) besides
// their WebSockets and bytes: a console ticket and whether a display answers.

import { z } from "zod";
import type { ConsoleTickets } from "../../../lib/auth/tickets.ts";
import { describes } from "./describes.ts";

export const ConsoleTicket = describes<ReturnType<ConsoleTickets["issue"]>>()(
  z.object({
    ticket: z.string().meta({
      description: "Opens the console once (SPICE: one session's channels), for this caller only",
    }),
    expiresAt: z.string().meta({ description: "ISO 8601; 30 s after it was issued" }),
  }).meta({ id: "ConsoleTicket" }),
);

/** A display's status check that found it answering (else an error says why not). */
export const DisplayReachable = z.object({ reachable: z.literal(true) }).meta({
  id: "DisplayReachable",
});
