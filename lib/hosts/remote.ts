// What a remote host's services stand on: its configuration (its URI; the demo driver when
// test:), its own store and metric history under DATA_DIR/hosts/ID (in memory when the app's
// store is), and a firewall that refuses port forwards (they would be rules in this machine's).

import { join } from "node:path";
import { type Config, DEFAULT_STATS_INTERVAL } from "../config.ts";
import { MetricsHistory } from "../metrics/history.ts";
import { openAppStore, openStore, type Store } from "../store.ts";
import { RemoteFirewall } from "./remote_firewall.ts";

/** The configuration, store, history and firewall for remote host `host`'s services. */
export function remoteHostBase(
  config: Config,
  host: { id: string; uri: string },
  appStore: Store,
): {
  config: Config;
  store: Store;
  storeDegraded: string | null;
  history: MetricsHistory;
  firewall: RemoteFirewall;
} {
  const dir = appStore.path === ":memory:" ? null : join(config.dataDir, "hosts", host.id);
  const opened = dir === null ? { store: openStore(null), degraded: null } : openAppStore(dir);
  if (opened.degraded) console.error(`kvm-manager: host ${host.id}: ${opened.degraded}`);
  const history = MetricsHistory.openOrMemory(
    dir,
    config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    `kvm-manager: host ${host.id}`,
  );
  return {
    config: { ...config, uri: host.uri, uriSource: "flag", demo: host.uri.startsWith("test:") },
    store: opened.store,
    storeDegraded: opened.degraded,
    history,
    firewall: new RemoteFirewall(),
  };
}
