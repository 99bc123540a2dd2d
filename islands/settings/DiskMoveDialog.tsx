// "Move" of a disk: another storage pool and format, with the old volume deleted only when asked
// (POST /api/vms/:id/disks/:target/move). A running VM keeps running: its disk is copied while it
// writes and then switched over. The move runs as a task: its progress and Cancel show here.

import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { type Disk, DISK_FORMATS, type DiskFormat, type Vm } from "../../shared/vms.ts";
import type { DiskMoveStarted } from "../../shared/disk_move.ts";
import type { Task } from "../../shared/tasks.ts";
import { vmDiskMovePath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";
import { cancelTask } from "../tasks/api.ts";
import { followTasks, recentTasks } from "../tasks/live.ts";
import { percent } from "../tasks/format.ts";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, SelectField } from "../../components/kit/controls.tsx";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { useOptions } from "./options.ts";
import { isRunning } from "./panel.ts";
import { formatBytes } from "../../shared/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  vm: Vm;
  /** The disk to move; null while none was chosen. */
  disk: Disk | null;
  refresh: () => Promise<void> | void;
}

const FORMATS = DISK_FORMATS.map((f) => [f, f] as const);

export const moveDisk = (
  id: string,
  target: string,
  body: { pool: string; format?: DiskFormat; deleteSource?: boolean },
) => request<DiskMoveStarted>("POST", vmDiskMovePath(id, target), body);

export function DiskMoveDialog({ dialogRef, vm, disk, refresh }: Props) {
  const { options, error, load } = useOptions();
  const action = useAction();
  const pool = useSignal("");
  const format = useSignal<DiskFormat | "">("");
  const deleteSource = useSignal(false);
  const taskId = useSignal<number | null>(null);
  const running = isRunning(vm);

  // Pools are read the first time a disk is chosen; each disk starts from its own format.
  useEffect(() => {
    if (!disk) return;
    load();
    format.value = "";
    deleteSource.value = false;
    if (taskId.value === null) action.outcome.value = null;
  }, [disk]);
  // The move's end, told by the task log: refresh the disks and say how it went.
  useEffect(() =>
    followTasks((task: Task) => {
      if (task.id !== taskId.value || task.status === "running") return;
      taskId.value = null;
      action.outcome.value = {
        ok: task.status === "succeeded",
        message: task.message ?? task.status,
      };
      refresh();
    }), []);

  const task = recentTasks.value.find((x) => x.id === taskId.value) ?? null;
  const moving = taskId.value !== null;
  const pools = (options.value?.pools ?? []).filter((p) => p.active);
  const chosen = pool.value || pools[0]?.name || "";
  const poolChoices = options.value
    ? pools.map((p) =>
      [
        p.name,
        t("{{pool}} ({{free}} free)", { pool: p.name, free: formatBytes(p.availableBytes) }),
      ] as const
    )
    : [["", t("Loading…")] as const];
  const diskFormat = disk?.format === "raw" ? "raw" : "qcow2";

  const submit = (e: Event) => {
    e.preventDefault();
    if (!disk || moving || !chosen) return;
    action.run(async () => {
      const started = await moveDisk(vm.id, disk.target, {
        pool: chosen,
        format: format.value || diskFormat,
        ...(deleteSource.value ? { deleteSource: true } : {}),
      });
      taskId.value = started.taskId;
      return null;
    });
  };

  return (
    <FormDialog
      dialogRef={dialogRef}
      id="disk-move"
      title={t("Move disk {{target}}", { target: disk?.target ?? "" })}
      onSubmit={submit}
      submitLabel={t("Move")}
      busy={action.busy.value || moving}
      disabled={!disk || !chosen}
    >
      <p>
        {running
          ? t(
            "The VM keeps running: the disk is copied while the guest writes to it, then the VM switches to the copy.",
          )
          : t("The disk is copied into the pool; the VM uses the copy from its next start.")}
      </p>
      <p class="muted path">{disk?.path}</p>
      <SelectField
        id="disk-move-pool"
        class="form-field"
        label={t("Storage pool")}
        errors={error.value ? [error.value] : []}
        value={chosen}
        onValue={(v) => pool.value = v}
        options={poolChoices}
        disabled={moving}
      />
      <SelectField
        id="disk-move-format"
        class="form-field"
        label={t("Format")}
        value={format.value || diskFormat}
        onValue={(v) => format.value = v as DiskFormat}
        options={FORMATS}
        disabled={moving}
      />
      <Checkbox
        label={t("Delete the old volume once the VM uses the new one")}
        checked={deleteSource.value}
        onChecked={(on) => deleteSource.value = on}
        disabled={moving}
      />
      {moving && (
        <div class="disk-move-progress" role="status">
          <progress
            class="task-progress"
            max={1}
            value={task?.progress ?? undefined}
            aria-label={t("Move progress")}
          />
          <span>
            {task?.progress != null
              ? t("Copying… {{percent}}", { percent: percent(task.progress) })
              : t("Copying…")}
          </span>
          {task?.message && <span class="muted">{task.message}</span>}
          <Button
            small
            disabled={!task?.cancellable}
            onClick={() => taskId.value !== null && cancelTask(taskId.value).catch(() => {})}
          >
            {t("Cancel move")}
          </Button>
        </div>
      )}
      <OutcomeNote outcome={action.outcome.value} />
    </FormDialog>
  );
}
