// Where a running VM's setting waits for the next boot: "→ 4 at next boot" beside the value the
// Summary shows, and the Hardware tab's list of every change waiting.

import type { PendingField, Vm } from "../../shared/vms.ts";
import { pendingLine, pendingOf, pendingValueText } from "./pending_words.ts";
import { t } from "../../shared/i18n/t.ts";

/** " → 4 at next boot" when `field` has a change waiting; nothing otherwise. */
export function NextValue({ vm, field }: { vm: Pick<Vm, "pending">; field: PendingField }) {
  const c = pendingOf(vm, field);
  if (!c) return null;
  return (
    <span class="pending-next">
      {" "}
      {t("→ {{value}} at next boot", { value: pendingValueText(field, c.next) })}
    </span>
  );
}

/** Every change waiting, old → new, and how it applies; nothing when none waits. */
export function PendingList({ vm }: { vm: Pick<Vm, "pending" | "state"> }) {
  const pending = vm.pending ?? [];
  if (pending.length === 0) return null;
  return (
    <section
      class="notice notice-warning pending-card"
      role="status"
      aria-labelledby="pending-title"
    >
      <h2 id="pending-title">{t("Changes pending")}</h2>
      <p>
        {t(
          "These settings changed while the VM runs. They apply when it is shut down and started again (Apply in the header does both); a reboot keeps what runs now.",
        )}
      </p>
      <ul class="pending-list">
        {pending.map((c) => <li key={`${c.field}${c.device ?? ""}`}>{pendingLine(c)}</li>)}
      </ul>
    </section>
  );
}
