// The delete dialogs' list of a VM's disks: one checkbox each, the VM's own ticked, an ISO, a
// disk another VM uses, a base of linked clones or a file outside any pool unticked and marked.

import { Badge } from "../../components/kit/Badge.tsx";
import { Checkbox } from "../../components/kit/controls.tsx";
import type { DeletePlan, KeepKind } from "../../shared/vm_delete.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** Each mark's word (keys: `t(MARKS[kind])`). */
const MARKS: Record<KeepKind, string> = {
  iso: tKey("ISO"),
  shared: tKey("Shared"),
  base: tKey("Base image"),
  outside: tKey("Outside any pool"),
  unknown: tKey("Not checked"),
};

interface Props {
  plan: DeletePlan;
  /** The paths ticked. */
  chosen: string[];
  onChosen: (paths: string[]) => void;
}

export function DeleteVolumes({ plan, chosen, onChosen }: Props) {
  if (plan.volumes.length === 0) {
    return (
      <p class="muted delete-volumes-none">{t("No disk images: only the definition goes.")}</p>
    );
  }
  return (
    <ul class="delete-volumes" aria-label={t("Disk images of {{name}}", { name: plan.name })}>
      {plan.volumes.map((v) => (
        <li key={`${v.target}:${v.path}`} data-target={v.target} data-keep={v.keep ?? "own"}>
          <Checkbox
            label={
              <span class="delete-volume">
                <code class="delete-volume-path">{v.path}</code>
                <span class="muted">{v.target}</span>
                {v.keep && <Badge tone={v.deletable ? "info" : "warning"}>{t(MARKS[v.keep])}
                </Badge>}
                {v.reason && <span class="muted delete-volume-reason">{v.reason}</span>}
              </span>
            }
            checked={chosen.includes(v.path)}
            disabled={!v.deletable}
            onChecked={(on) =>
              onChosen(
                on ? [...chosen, v.path] : chosen.filter((p) =>
                  p !== v.path
                ),
              )}
          />
        </li>
      ))}
    </ul>
  );
}

/** "Deletes 2 disk images" / "Keeps every disk image": what a VM's delete takes, in a line. */
export function deleteSummary(chosen: string[]): string {
  return chosen.length
    ? t("Deletes {{count}} disk images", { count: chosen.length })
    : t("Keeps every disk image");
}
