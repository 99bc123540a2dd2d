// The Firewall tab of /vms/:id: the VM's firewall as libvirt has it (its network filter, which
// NICs use it), edited as a whole: on or off, anti-spoofing, the policy each way, and the rules
// in order. Saved in one PUT; a refusal shows in the API's words where the form is.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import {
  FIREWALL_POLICIES,
  remoteFamily,
  type VmFirewall as Firewall,
  type VmFirewallState,
} from "../shared/vm_firewall.ts";
import { vmFirewallPath } from "../shared/api_paths.ts";
import { ApiRequestError, errorMessage, request } from "../components/client/api.ts";
import { isAdmin } from "../components/client/session.ts";
import { Card } from "../components/kit/Card.tsx";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { Checkbox, SelectField } from "../components/kit/controls.tsx";
import { FormButtons } from "../components/kit/FormButtons.tsx";
import { t, tKey } from "../shared/i18n/t.ts";
import { RuleRows } from "./firewall/RuleRows.tsx";

interface Props {
  vmId: string;
  vmName: string;
  [key: string]: unknown;
}

const POLICY_WORDS: Record<string, string> = {
  accept: tKey("Accept"),
  drop: tKey("Drop"),
};

/** The settings a PUT sends, from what the form holds (empty fields left out). */
export function firewallRequest(fw: Firewall): Firewall {
  return {
    enabled: fw.enabled,
    antiSpoofing: fw.antiSpoofing,
    inboundPolicy: fw.inboundPolicy,
    outboundPolicy: fw.outboundPolicy,
    rules: fw.rules.map((r) => ({
      action: r.action,
      direction: r.direction,
      protocol: r.protocol,
      ...(r.port?.trim() && (r.protocol === "tcp" || r.protocol === "udp")
        ? { port: r.port.trim() }
        : {}),
      ...(r.remote?.trim() ? { remote: r.remote.trim() } : {}),
      // An address that reads says its version itself (the form shows it so).
      ...(r.family && !(r.remote?.trim() && remoteFamily(r.remote.trim()))
        ? { family: r.family }
        : {}),
      ...(r.comment?.trim() ? { comment: r.comment.trim() } : {}),
    })),
  };
}

export default function VmFirewall({ vmId, vmName }: Props) {
  const state = useSignal<VmFirewallState | null>(null);
  const draft = useSignal<Firewall | null>(null);
  const loadError = useSignal<string | null>(null);
  const unsupported = useSignal(false);
  const failure = useSignal<string | null>(null);
  const saved = useSignal<string | null>(null);
  const busy = useSignal(true);
  const admin = useSignal(true);

  const load = async () => {
    try {
      const fw = await request<VmFirewallState>("GET", vmFirewallPath(vmId));
      state.value = fw;
      draft.value = fw;
      loadError.value = null;
    } catch (err) {
      // A driver without network filters (the demo's test driver) is a fact of the host, not a
      // failure: said in a reader's words instead of libvirt's.
      if (err instanceof ApiRequestError && err.code === "NOT_SUPPORTED") unsupported.value = true;
      else loadError.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => {
    admin.value = isAdmin();
    load();
  }, [vmId]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft.value) return;
    busy.value = true;
    failure.value = null;
    saved.value = null;
    try {
      const fw = await request<VmFirewallState>(
        "PUT",
        vmFirewallPath(vmId),
        firewallRequest(draft.value),
      );
      state.value = fw;
      draft.value = fw;
      const filtered = fw.nics.filter((n) => n.filtered).length;
      saved.value = t("Firewall saved; {{filtered}} of {{total}} network interfaces use it.", {
        filtered,
        total: fw.nics.length,
      });
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const fw = draft.value;
  const set = (patch: Partial<Firewall>) => {
    if (draft.value) draft.value = { ...draft.value, ...patch };
    saved.value = null;
  };
  const s = state.value;
  return (
    <Card id="firewall" title={t("Firewall")}>
      <ErrorNotice message={loadError.value} />
      {unsupported.value && (
        <Notice>
          {t(
            "This host's libvirt driver has no network filters, so a VM firewall cannot be set here.",
          )}
        </Notice>
      )}
      {!fw && !loadError.value && !unsupported.value && (
        <p class="muted">{t("Loading the firewall of {{name}}…", { name: vmName })}</p>
      )}
      {fw && s && (
        <form class="settings-form firewall-form" onSubmit={save} aria-label={t("Firewall")}>
          <p class="muted">
            {t(
              "Kept in libvirt as the network filter {{filter}} on the VM's network interfaces. Rules match IPv4 and IPv6 in order (in: to the VM, out: from it); the policy takes what no rule matches. Accepted connections' replies pass the other way; DHCP, DHCPv6 and IPv6 neighbour discovery always pass.",
              { filter: s.filter },
            )}
          </p>
          <fieldset disabled={busy.value || !admin.value} class="subfieldset">
            <legend>{t("Settings")}</legend>
            <Checkbox
              label={t("Firewall on: every network interface uses it")}
              checked={fw.enabled}
              onChecked={(enabled) =>
                set({ enabled })}
            />
            <Checkbox
              label={t("Anti-spoofing: the guest cannot send from other MAC or IP addresses")}
              checked={fw.antiSpoofing}
              onChecked={(antiSpoofing) =>
                set({ antiSpoofing })}
            />
            <div class="form-row">
              {([
                ["fw-in", t("Incoming traffic no rule matches"), "inboundPolicy"],
                ["fw-out", t("Outgoing traffic no rule matches"), "outboundPolicy"],
              ] as const).map(([id, label, key]) => (
                <SelectField
                  key={id}
                  id={id}
                  label={label}
                  options={FIREWALL_POLICIES.map((p) => [p, t(POLICY_WORDS[p])] as const)}
                  value={fw[key]}
                  onValue={(v) =>
                    set({ [key]: v as Firewall["inboundPolicy"] })}
                />
              ))}
            </div>
            <RuleRows rules={fw.rules} onChange={(rules) => set({ rules })} />
          </fieldset>
          <ErrorNotice message={failure.value} />
          <Notice tone="success" kind="note">{saved.value}</Notice>
          <p class="muted" aria-live="polite">
            {s.nics.length === 0
              ? t("This VM has no network interfaces: the firewall has nothing to filter.")
              : t("Network interfaces using it now: {{list}}", {
                list: s.nics.map((n) => `${n.mac} ${n.filtered ? "✓" : "—"}`).join(", "),
              })}
          </p>
          {admin.value && (
            <FormButtons submit={t("Save firewall")} busy={busy.value} disabled={busy.value} />
          )}
        </form>
      )}
    </Card>
  );
}
