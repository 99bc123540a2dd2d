// The row form that grows a volume or a VM's disk: the new size in whole GiB. They only grow, so
// the smallest offer is the next whole GiB above today's size.

import { useSignal } from "@preact/signals";
import { formatBytes } from "../../shared/format.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { useFocusFirst } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

const GIB = 1024 ** 3;

interface Props {
  id: string;
  /** What grows, as the label names it: "data.qcow2", "vda". */
  name: string;
  bytes: number | null;
  busy: boolean;
  /** Focus the size as the form opens. */
  focus?: boolean;
  onGrow: (gib: number) => void;
  onCancel: () => void;
}

export function GrowRow({ id, name, bytes, busy, focus, onGrow, onCancel }: Props) {
  const min = Math.floor((bytes ?? 0) / GIB) + 1;
  const size = useSignal(String(min));
  const input = useFocusFirst();
  const submit = (e: Event) => {
    e.preventDefault();
    onGrow(Number(size.value));
  };
  return (
    <RowForm onSubmit={submit} submitLabel={t("Grow")} busy={busy} onCancel={onCancel}>
      <InlineField
        id={id}
        label={t("New size of {{name}} (GiB, now {{size}})", { name, size: formatBytes(bytes) })}
        inputRef={focus ? input : undefined}
        type="number"
        min={min}
        step={1}
        required
        {...bindSignal(size)}
      />
    </RowForm>
  );
}
