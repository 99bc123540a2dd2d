// The VM as last re-read by the settings island, shared with the other islands of the details
// page (same bundle, same module) so the overview card does not go stale after an edit.

import { signal } from "@preact/signals";
import type { Vm } from "../../shared/vms.ts";

/** Null until the first re-read; islands fall back to their server-rendered props. */
export const currentVm = signal<Vm | null>(null);
