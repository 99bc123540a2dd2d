// Small answer shapes that many routes share.

import { z } from "zod";
import type { VmState as State } from "../../../shared/vm_kinds.ts";
import { describes } from "./describes.ts";

export const VmState = describes<State>()(
  z.enum(["running", "stopped", "paused", "suspended", "crashed"]).meta({ id: "VmState" }),
);

/** `{ok: true}`: done, nothing more to say. */
export const Ok = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });
