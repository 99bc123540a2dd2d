// The resource tree of the side navigation: host → its VMs with a live state icon, its storage
// pools and networks. The VM list is read once per page and then follows the event stream (in
// the all-hosts view, the stream of every host at once, each event naming its host); a
// group's pools or networks are read only when it is opened. At most TREE_LIMIT VMs are drawn
// per host: the rest are a link to the VM list with the same filter.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { ALL_HOSTS } from "../shared/hosts.ts";
import { StateIcon, stateWord } from "../components/shell/StateIcon.tsx";
import { StateReasonMark } from "../components/vm/StateReason.tsx";
import { errorMessage } from "../components/client/api.ts";
import { t } from "../shared/i18n/t.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { coalesce } from "../components/client/coalesce.ts";
import {
  filterByName,
  loadNames,
  loadVms,
  readOpen,
  type TreeVm,
  writeOpen,
} from "./resource_tree/load.ts";

/** VMs drawn per host before "N more — open the list". */
const TREE_LIMIT = 200;

export interface TreeHost {
  id: string;
  name: string;
  connected: boolean;
  /** Set while the host is in maintenance. */
  maintenance?: true;
}

interface Props {
  hosts: TreeHost[];
  /** The host the page shows, or "all" for the all-hosts view. */
  current: string;
  /** The page's path, to mark the link of the page open. */
  path: string;
  [key: string]: unknown;
}

type Kind = "storage" | "networks";

/** `path` for `host`: pages of the page's own host need no `?host=` (the switcher's cookie). */
function hostHref(path: string, host: string, current: string): string {
  if (host === current) return path;
  return `${path}${path.includes("?") ? "&" : "?"}host=${encodeURIComponent(host)}`;
}

export default function ResourceTree({ hosts, current, path }: Props) {
  const vms = useSignal<Record<string, TreeVm[]> | null>(null);
  const error = useSignal<string | null>(null);
  const filter = useSignal("");
  const open = useSignal<Record<string, boolean>>({});
  const names = useSignal<Record<string, string[] | string>>({});

  const shown = (host: string) => current === ALL_HOSTS || host === current;
  const isOpen = (key: string, byDefault: boolean) => open.value[key] ?? byDefault;

  const loadGroup = async (kind: Kind, host: string) => {
    const key = `${kind}:${host}`;
    try {
      names.value = { ...names.value, [key]: await loadNames(kind, host) };
    } catch (err) {
      names.value = { ...names.value, [key]: errorMessage(err) };
    }
  };

  useEffect(() => {
    open.value = readOpen();
    for (const h of hosts) {
      for (const kind of ["storage", "networks"] as const) {
        if (shown(h.id) && open.value[`${kind}:${h.id}`]) loadGroup(kind, h.id);
      }
    }
    const refresh = coalesce(async () => {
      try {
        vms.value = await loadVms(current);
        error.value = null;
      } catch (err) {
        error.value = errorMessage(err);
      }
    });
    refresh();
    return subscribeEvents(
      (e) => {
        if (e.type === "vm-state-changed") {
          const lists = vms.value ?? {};
          // The all-hosts stream names the event's host (a UUID may repeat across hosts).
          const host = e.host ??
            Object.keys(lists).find((h) => lists[h].some((vm) => vm.id === e.id));
          if (!host || !lists[host]?.some((vm) => vm.id === e.id)) return void refresh();
          const { state, stateReason } = e;
          const list = lists[host].map((vm) => vm.id === e.id ? { ...vm, state, stateReason } : vm);
          vms.value = { ...lists, [host]: list };
        } else if (e.type === "vm-created" || e.type === "vm-deleted") {
          refresh();
        } else if (e.type === "storage-changed" || e.type === "network-changed") {
          const kind = e.type === "storage-changed" ? "storage" : "networks";
          const host = e.host ?? current;
          if (open.value[`${kind}:${host}`]) loadGroup(kind, host);
        }
      },
      refresh,
      { allHosts: true },
    );
  }, []);

  const toggle = (key: string, byDefault: boolean, onOpen?: () => void) => {
    const now = !isOpen(key, byDefault);
    open.value = { ...open.value, [key]: now };
    writeOpen(open.value);
    if (now) onOpen?.();
  };

  return (
    <div class="tree">
      <label class="tree-filter">
        <span class="sr-only">{t("Filter VMs by name")}</span>
        <input
          type="search"
          placeholder={t("Filter VMs")}
          value={filter.value}
          onInput={(e) => filter.value = (e.target as HTMLInputElement).value}
          onKeyDown={(e) => {
            if (e.key === "Escape" && filter.value) {
              e.stopPropagation();
              filter.value = "";
            }
          }}
        />
      </label>
      {error.value && <p class="tree-note" role="status">{error.value}</p>}
      <ul class="tree-list">
        {hosts.map((h) =>
          shown(h.id)
            ? (
              <HostNode
                key={h.id}
                host={h}
                current={current}
                path={path}
                vms={vms.value?.[h.id] ?? null}
                filter={filter.value}
                isOpen={isOpen}
                toggle={toggle}
                names={names.value}
                loadGroup={loadGroup}
              />
            )
            : (
              <li key={h.id} class="tree-item">
                <a class="tree-row" href={`/vms?host=${encodeURIComponent(h.id)}`}>
                  <span class="tree-host-name">{h.name}</span>
                  {!h.connected && <span class="tree-muted">{t("(disconnected)")}</span>}
                  {h.maintenance && <span class="tree-muted">{t("(maintenance)")}</span>}
                </a>
              </li>
            )
        )}
      </ul>
    </div>
  );
}

interface NodeProps {
  host: TreeHost;
  current: string;
  path: string;
  vms: TreeVm[] | null;
  filter: string;
  isOpen(key: string, byDefault: boolean): boolean;
  toggle(key: string, byDefault: boolean, onOpen?: () => void): void;
  names: Record<string, string[] | string>;
  loadGroup(kind: Kind, host: string): void;
}

function HostNode(props: NodeProps) {
  const { host, current, path, vms, filter, isOpen, toggle } = props;
  const key = `host:${host.id}`;
  const expanded = isOpen(key, true);
  const matching = vms ? filterByName(vms, filter) : [];
  const href = (p: string) => hostHref(p, host.id, current);
  const listHref = href(filter.trim() ? `/vms?q=${encodeURIComponent(filter.trim())}` : "/vms");
  return (
    <li class="tree-item">
      <button
        type="button"
        class="tree-row tree-toggle"
        aria-expanded={expanded ? "true" : "false"}
        onClick={() => toggle(key, true)}
      >
        <span class="tree-chevron" aria-hidden="true" />
        <span class="tree-host-name">{host.name}</span>
        {host.maintenance && <span class="tree-muted">{t("(maintenance)")}</span>}
        {vms && <span class="tree-count">{vms.length}</span>}
      </button>
      {expanded && (
        <ul class="tree-list tree-children">
          {vms === null && <li class="tree-note">{t("Loading VMs…")}</li>}
          {vms && matching.length === 0 && (
            <li class="tree-note">{vms.length ? t("No VM matches") : t("No VMs yet")}</li>
          )}
          {matching.slice(0, TREE_LIMIT).map((vm) => {
            const vmHref = href(`/vms/${vm.id}`);
            const here = path === `/vms/${vm.id}` || path.startsWith(`/vms/${vm.id}/`);
            return (
              <li key={vm.id} class="tree-item">
                <a
                  class="tree-row tree-vm"
                  href={vmHref}
                  data-vm-state={vm.state}
                  data-vm-screen={vm.id}
                  aria-current={here ? "page" : undefined}
                >
                  <StateIcon state={vm.state} />
                  <span class="tree-vm-name">{vm.name}</span>
                  <span class="sr-only">({stateWord(vm.state)})</span>
                  <StateReasonMark state={vm.state} reason={vm.stateReason} />
                </a>
              </li>
            );
          })}
          {matching.length > TREE_LIMIT && (
            <li class="tree-item">
              <a class="tree-row tree-more" href={listHref}>
                {t("{{more}} more — open the list", { more: matching.length - TREE_LIMIT })}
              </a>
            </li>
          )}
          <Group {...props} kind="storage" label={t("Storage")} />
          <Group {...props} kind="networks" label={t("Networks")} />
        </ul>
      )}
    </li>
  );
}

function Group(props: NodeProps & { kind: Kind; label: string }) {
  const { host, current, path, kind, label, isOpen, toggle, names, loadGroup } = props;
  const key = `${kind}:${host.id}`;
  const expanded = isOpen(key, false);
  const base = `/${kind}`;
  const here = host.id === current && path === base;
  const list = names[key];
  return (
    <li class="tree-item tree-group">
      <div class="tree-group-row">
        <button
          type="button"
          class="tree-toggle tree-group-toggle"
          aria-expanded={expanded ? "true" : "false"}
          aria-label={t("{{group}} of {{host}}: show each", { group: label, host: host.name })}
          onClick={() => toggle(key, false, () => loadGroup(kind, host.id))}
        >
          <span class="tree-chevron" aria-hidden="true" />
        </button>
        <a
          class="tree-row"
          href={hostHref(base, host.id, current)}
          aria-current={here ? "page" : undefined}
        >
          {label}
        </a>
      </div>
      {expanded && (
        <ul class="tree-list tree-children">
          {list === undefined && <li class="tree-note">{t("Loading…")}</li>}
          {typeof list === "string" && <li class="tree-note">{list}</li>}
          {Array.isArray(list) && list.length === 0 && <li class="tree-note">{t("None")}</li>}
          {Array.isArray(list) && list.map((name) => {
            const p = `${base}/${encodeURIComponent(name)}`;
            return (
              <li key={name} class="tree-item">
                <a
                  class="tree-row"
                  href={hostHref(p, host.id, current)}
                  aria-current={host.id === current && path === p ? "page" : undefined}
                >
                  {name}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
