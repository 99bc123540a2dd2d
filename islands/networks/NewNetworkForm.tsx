// The "New network" form: a subnet and optional DHCP range for NAT, routed and isolated
// networks; a host bridge's name for bridge networks.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { NetworkCreateRequest, NetworkInfo, NetworkMode } from "../../shared/networks.ts";
import { NETWORK_MODES } from "../../shared/networks.ts";
import { formatIpv4, parseCidr } from "../../shared/ipv4.ts";
import { errorMessage } from "../client/api.ts";
import { Field } from "../wizard/Field.tsx";
import { createNetwork } from "./api.ts";

interface Props {
  onCreated: (network: NetworkInfo) => void;
  onCancel: () => void;
}

export const MODE_LABELS: Record<NetworkMode, string> = {
  nat: "NAT — guests reach out through the host's address",
  route: "Routed — guests are reachable by their own addresses",
  isolated: "Isolated — guests and the host only",
  bridge: "Bridge — guests join an existing host bridge",
};

/** The DHCP range offered for a subnet: every host address after the host's own (.1). */
export function suggestedRange(cidr: string): { start: string; end: string } | null {
  const subnet = parseCidr(cidr.trim());
  if (!subnet || subnet.last - subnet.first < 1) return null;
  return { start: formatIpv4(subnet.first + 1), end: formatIpv4(subnet.last) };
}

export function networkRequest(
  f: {
    name: string;
    mode: NetworkMode;
    subnet: string;
    dhcp: boolean;
    start: string;
    end: string;
    bridge: string;
    startNow: boolean;
    autostart: boolean;
  },
): NetworkCreateRequest {
  const base = { name: f.name.trim(), mode: f.mode, start: f.startNow, autostart: f.autostart };
  if (f.mode === "bridge") return { ...base, bridge: f.bridge.trim() };
  return {
    ...base,
    subnet: f.subnet.trim(),
    dhcp: f.dhcp ? { start: f.start.trim(), end: f.end.trim() } : null,
  };
}

export function NewNetworkForm({ onCreated, onCancel }: Props) {
  const name = useSignal("");
  const mode = useSignal<NetworkMode>("nat");
  const subnet = useSignal("");
  const dhcp = useSignal(true);
  const start = useSignal("");
  const end = useSignal("");
  // Once the range is typed in, a subnet change no longer overwrites it.
  const rangeEdited = useSignal(false);
  const bridge = useSignal("");
  const startNow = useSignal(true);
  const autostart = useSignal(false);
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  // Focused as the form appears (not after a paint), so typing that starts at once stays in

  // the field it started in.

  useLayoutEffect(() => first.current?.focus(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const req = networkRequest({
        name: name.value,
        mode: mode.value,
        subnet: subnet.value,
        dhcp: dhcp.value,
        start: start.value,
        end: end.value,
        bridge: bridge.value,
        startNow: startNow.value,
        autostart: autostart.value,
      });
      onCreated(await createNetwork(req));
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  const isBridge = mode.value === "bridge";
  const text = (
    id: string,
    label: string,
    value: typeof subnet,
    opts: { hint?: string; placeholder?: string; onInput?: () => void } = {},
  ) => (
    <Field id={id} label={label} hint={opts.hint}>
      {(a) => (
        <input
          {...a}
          type="text"
          required
          placeholder={opts.placeholder}
          value={value.value}
          onInput={(e) => {
            value.value = e.currentTarget.value;
            opts.onInput?.();
          }}
        />
      )}
    </Field>
  );

  return (
    <form class="create-form" onSubmit={save} aria-label="New network">
      <h2>New network</h2>
      <div class="field-row">
        <Field id="net-name" label="Name">
          {(a) => (
            <input
              {...a}
              ref={first}
              type="text"
              required
              value={name.value}
              onInput={(e) => name.value = e.currentTarget.value}
            />
          )}
        </Field>
        <Field id="net-mode" label="Mode">
          {(a) => (
            <select
              {...a}
              value={mode.value}
              onChange={(e) => mode.value = e.currentTarget.value as NetworkMode}
            >
              {NETWORK_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
            </select>
          )}
        </Field>
      </div>
      {isBridge
        ? (
          <div class="field-row">
            {text("net-bridge", "Host bridge", bridge, {
              hint: "An existing Linux bridge on the host, e.g. br0",
              placeholder: "br0",
            })}
          </div>
        )
        : (
          <>
            <div class="field-row">
              {text("net-subnet", "Subnet", subnet, {
                hint: "IPv4 in CIDR form; the host takes the first address",
                placeholder: "192.168.100.0/24",
                onInput: () => {
                  const range = rangeEdited.value ? null : suggestedRange(subnet.value);
                  if (range) {
                    start.value = range.start;
                    end.value = range.end;
                  }
                },
              })}
            </div>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={dhcp.value}
                onChange={(e) => dhcp.value = e.currentTarget.checked}
              />
              Hand out addresses with DHCP
            </label>
            {dhcp.value && (
              <div class="field-row">
                {text("net-dhcp-start", "DHCP start", start, {
                  onInput: () => rangeEdited.value = true,
                })}
                {text("net-dhcp-end", "DHCP end", end, {
                  onInput: () => rangeEdited.value = true,
                })}
              </div>
            )}
          </>
        )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={startNow.value}
          onChange={(e) => startNow.value = e.currentTarget.checked}
        />
        Start the network now
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={autostart.value}
          onChange={(e) => autostart.value = e.currentTarget.checked}
        />
        Start the network when the host boots (autostart)
      </label>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value || name.value.trim() === ""}
          aria-busy={saving.value}
        >
          Create network
        </button>
      </div>
    </form>
  );
}
