// "Create VLAN": the parent (a NIC, bond or bridge of the host that is no port), the VLAN id and an
// optional name (PARENT.ID when empty), staged on submit; the API's refusal is shown by its field.

import type {
  HostInterface,
  HostNetworkState,
  PlannedInterface,
} from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { stageVlan } from "./api.ts";
import { useFieldSubmit } from "./field_submit.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  interfaces: HostInterface[];
  /** Bonds and bridges staged a moment ago: a VLAN may stand on them too. */
  planned: PlannedInterface[];
  onStaged: (state: HostNetworkState) => void;
  onCancel: () => void;
  disabled: boolean;
}

const PARENT_KINDS = new Set(["nic", "veth", "bond", "bridge"]);

export function VlanForm({ interfaces, planned, onStaged, onCancel, disabled }: Props) {
  const offered = [
    ...interfaces.filter((i) => PARENT_KINDS.has(i.kind) && !i.master).map((i) => i.name),
    ...planned.filter((p) => p.kind !== "vlan").map((p) => p.name),
  ];
  const draft = useDraft({ parent: offered[0] ?? "", id: "", name: "" });
  const d = draft.value;
  const form = useFieldSubmit(["parent", "id", "name"], async () => {
    const name = d.name.trim();
    onStaged(
      await stageVlan({
        parent: d.parent,
        id: d.id.trim() === "" ? Number.NaN : Number(d.id),
        ...(name === "" ? {} : { name }),
      }),
    );
  });
  const set = (change: Partial<typeof d>) => {
    form.clear();
    draft.set(change);
  };
  return (
    <FormPanel
      label={t("Create VLAN")}
      class="form-panel hostnet-bridge-form"
      submit={form.submit}
      submitLabel={t("Stage VLAN")}
      disabled={disabled || d.parent === ""}
      onCancel={onCancel}
    >
      <div class="form-row">
        <SelectField
          id="hostnet-vlan-parent"
          label={t("Parent")}
          hint={offered.length === 0
            ? t("No interface here can carry a VLAN: each is a port or a loopback.")
            : t("A NIC, bond or bridge, also one staged and not applied yet.")}
          options={offered.map((name) => [name, name] as const)}
          errors={form.errors("parent")}
          value={d.parent}
          onValue={(v) => set({ parent: v })}
        />
        <TextField
          id="hostnet-vlan-id"
          label={t("VLAN id")}
          hint={t("1 to 4094.")}
          type="number"
          min={1}
          max={4094}
          inputMode="numeric"
          errors={form.errors("id")}
          value={d.id}
          onValue={(v) => set({ id: v })}
        />
        <TextField
          id="hostnet-vlan-name"
          label={t("Name (optional)")}
          placeholder={d.parent && d.id ? `${d.parent}.${d.id}` : undefined}
          maxLength={15}
          spellcheck={false}
          errors={form.errors("name")}
          value={d.name}
          onValue={(v) => set({ name: v })}
        />
      </div>
    </FormPanel>
  );
}
