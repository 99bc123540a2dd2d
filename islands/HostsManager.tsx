// The hosts page's list of libvirt hosts with their status, and (admins) adding a remote host
// by URI or removing one. Failures show in the API's words.

import { useSignal } from "@preact/signals";
import type { HostStatus } from "../shared/hosts.ts";
import { errorMessage } from "./client/api.ts";
import { isAdmin } from "./client/session.ts";
import { addHost, listHosts, removeHost } from "./hosts/api.ts";

interface Props {
  hosts: HostStatus[];
}

export default function HostsManager({ hosts: initial }: Props) {
  const hosts = useSignal(initial);
  const name = useSignal("");
  const uri = useSignal("");
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const admin = isAdmin();

  const run = async (work: () => Promise<unknown>) => {
    busy.value = true;
    failure.value = null;
    try {
      await work();
      hosts.value = await listHosts();
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const add = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await addHost({ name: name.value, uri: uri.value });
      name.value = "";
      uri.value = "";
    });
  };

  return (
    <div>
      <table class="table" aria-label="Hosts">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URI</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {hosts.value.map((h) => (
            <tr key={h.id} data-host={h.id}>
              <td>
                <a href={`/vms?host=${encodeURIComponent(h.id)}`}>{h.name}</a>
              </td>
              <td>
                <code>{h.uri}</code>
              </td>
              <td class={h.connected ? "host-up" : "host-down"}>
                {h.connected ? "connected" : `disconnected: ${h.error ?? "unknown"}`}
              </td>
              <td>
                {admin && !h.local && (
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={busy.value}
                    onClick={() => run(() => removeHost(h.id))}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        class="button button-small"
        onClick={() => run(() => Promise.resolve())}
      >
        Refresh
      </button>
      {admin && (
        <form class="template-form" noValidate onSubmit={add} aria-label="Add a host">
          <h3>Add a host</h3>
          <div class="form-row">
            <div class="form-field">
              <label for="host-name">Name</label>
              <input
                id="host-name"
                type="text"
                maxLength={64}
                placeholder="rack-2"
                value={name.value}
                onInput={(e) => name.value = e.currentTarget.value}
              />
            </div>
            <div class="form-field">
              <label for="host-uri">libvirt URI</label>
              <input
                id="host-uri"
                type="text"
                maxLength={1024}
                placeholder="qemu+ssh://root@rack-2.example/system?keyfile=/etc/kvm-manager/id_ed25519"
                value={uri.value}
                onInput={(e) => uri.value = e.currentTarget.value}
              />
            </div>
          </div>
          <p class="hint">
            SSH keys are named by path (keyfile=) or come from ssh-agent; TLS uses libvirt's client
            certificates. Passwords are never stored.
          </p>
          <div class="form-buttons">
            <button
              type="submit"
              class="button button-primary"
              disabled={busy.value}
              aria-busy={busy.value}
            >
              Add host
            </button>
          </div>
        </form>
      )}
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
    </div>
  );
}
