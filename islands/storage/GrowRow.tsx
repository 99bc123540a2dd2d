// The row form that grows a volume or a VM's disk: the new size in whole GiB, sent as any row
// form's request (row_request.ts). They only grow, so the smallest offer is the next whole GiB
// above today's size.

import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { formatBytes } from "../../shared/format.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { RowForm } from "../../components/kit/RowForm.tsx";
import { useFocusFirst } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { type RowHost, rowRequest } from "./row_request.ts";

const GIB = 1024 ** 3;

interface Props<R> {
  /** What grows, as the label names it: "data.qcow2", "vda"; unique in its table, so the id too. */
  name: string;
  bytes: number | null;
  /** The table the row belongs to: its action, the row's close and the list's read. */
  host: RowHost;
  /** Focus the size as the form opens. */
  focus?: boolean;
  /** The request that grows it to `gib`, and the note that words its answer. */
  grow: (gib: number) => Promise<R>;
  said: (answer: R) => ComponentChildren;
}

export function GrowRow<R>({ name, bytes, host, focus, grow, said }: Props<R>) {
  const id = `resize-${name}`;
  const min = Math.floor((bytes ?? 0) / GIB) + 1;
  const size = useSignal(String(min));
  const input = useFocusFirst();
  const submit = (e: Event) => {
    e.preventDefault();
    const gib = Number(size.value);
    rowRequest(host, () => grow(gib), said);
  };
  return (
    <RowForm
      onSubmit={submit}
      submitLabel={t("Grow")}
      busy={host.action.busy.value}
      onCancel={host.close}
    >
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
