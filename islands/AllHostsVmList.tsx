// The merged VM table of every host (/vms?host=all): each VM with its host, each host with how
// it answered. Refreshed when any host reports a change (one event stream per connected host).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AllHostsVms } from "../shared/hosts.ts";
import type { VmSummary } from "../shared/vms.ts";
import { eventsPath } from "../shared/api_paths.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { errorMessage } from "./client/api.ts";
import { withHost } from "./client/host.ts";
import { allHostsVms } from "./hosts/api.ts";
import { plural } from "../components/format.ts";

interface Props {
  initial: AllHostsVms<VmSummary>;
}

const REFRESH_DELAY_MS = 300;

export default function AllHostsVmList({ initial }: Props) {
  const view = useSignal(initial);
  const failure = useSignal<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          view.value = await allHostsVms();
          failure.value = null;
        } catch (err) {
          failure.value = errorMessage(err);
        }
      }, REFRESH_DELAY_MS);
    };
    const sources = view.value.hosts.map((h) => {
      const es = new EventSource(withHost(eventsPath(), h.id));
      for (
        const type of ["vm-state-changed", "vm-created", "vm-deleted", "connection-status-changed"]
      ) {
        es.addEventListener(type, refresh);
      }
      return es;
    });
    return () => {
      clearTimeout(timer);
      for (const es of sources) es.close();
    };
  }, []);

  const { vms, hosts } = view.value;
  return (
    <div>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <ul class="host-statuses" aria-label="Hosts">
        {hosts.map((h) => (
          <li key={h.id} data-host={h.id} class={h.connected ? "host-up" : "host-down"}>
            <a href={`/vms?host=${encodeURIComponent(h.id)}`}>{h.name}</a>{" "}
            {h.connected ? plural(h.vmCount ?? 0, "VM") : `disconnected: ${h.error ?? "unknown"}`}
          </li>
        ))}
      </ul>
      <table class="table" aria-label="Virtual machines on all hosts">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Host</th>
            <th scope="col">State</th>
            <th scope="col">vCPUs</th>
            <th scope="col">Memory</th>
          </tr>
        </thead>
        <tbody>
          {vms.map((vm) => (
            <tr key={`${vm.host}/${vm.id}`} data-vm={vm.name} data-host={vm.host}>
              <td>
                <a href={`/vms/${encodeURIComponent(vm.id)}?host=${encodeURIComponent(vm.host)}`}>
                  {vm.name}
                </a>
              </td>
              <td>{vm.hostName}</td>
              <td>
                <StateBadge state={vm.state} />
              </td>
              <td>{vm.cpuCount}</td>
              <td>{vm.memoryMb} MiB</td>
            </tr>
          ))}
          {vms.length === 0 && (
            <tr>
              <td colSpan={5}>No VMs on the hosts that answered.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
