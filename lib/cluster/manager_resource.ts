// `kvm-manager install-cluster-resource`: KVM Manager's own server as a Pacemaker resource (issue
// 48 item 5). Run once, as root, on any node of a running cluster: it adds the group of the
// floating address and ocf:kvm-manager:server (lib/cluster/cib.ts) to the CIB, on standard input
// (cibadmin --xml-pipe). Pacemaker then starts it on one node and moves both when that node dies.
// Local, like install-service: the server it configures need not run yet, and cibadmin reaches
// only the cluster of the node it runs on.

import { isIP } from "node:net";
import { isAbsolute } from "node:path";
import { ConfigError } from "../config.ts";
import { managerGroup, type ManagerGroupSpec } from "./cib.ts";
import { runPcmk } from "./pcmk.ts";
import { strictFlags } from "../config/values.ts";

export const INSTALL_CLUSTER_RESOURCE_USAGE =
  `Usage: kvm-manager install-cluster-resource --address IP/PREFIX --data-dir DIR [options]

Adds KVM Manager's server to this host's Pacemaker cluster as one group: the floating address
(ocf:heartbeat:IPaddr2), then the server listening on it (ocf:kvm-manager:server, installed with
the Debian package as /usr/lib/ocf/resource.d/kvm-manager/server). Pacemaker runs it on one node
and moves it, address and all, when that node fails. Needs root, cibadmin, the agent and
kvm-manager at the same path on every node, the data folder on storage every node reaches (made
once, by hand), and working fencing. Stop the package's own service on every node first
(systemctl disable --now kvm-manager).

  --address IP/PREFIX   the floating address and its prefix length, e.g. 192.0.2.10/24
  --data-dir DIR        the data folder on shared storage (must exist)
  --port N              the port to serve on (default 8420)
  --nic DEV             the interface for the address (default: IPaddr2 finds it from the routes)
  --binary PATH         the kvm-manager command on every node (default /usr/bin/kvm-manager)
  --config FILE         a config file with the other serve options, the same on every node
  --print               print the group's XML and change nothing
`;

/** The checked group of the command's flags; ConfigError (exit 2) in the flag's own words. */
export function parseManagerGroup(args: string[]): { spec: ManagerGroupSpec; print: boolean } {
  const values = strictFlags(args, {
    address: { type: "string" },
    "data-dir": { type: "string" },
    port: { type: "string" },
    nic: { type: "string" },
    binary: { type: "string" },
    config: { type: "string" },
    print: { type: "boolean" },
  });
  const [address, prefixText, ...extra] = (values.address ?? "").split("/");
  const family = isIP(address);
  const prefix = Number(prefixText);
  if (
    !family || extra.length || !/^\d{1,3}$/.test(prefixText ?? "") || prefix < 1 ||
    prefix > (family === 4 ? 32 : 128)
  ) {
    throw new ConfigError(
      `--address must be IP/PREFIX, such as 192.0.2.10/24, not "${values.address ?? ""}"`,
    );
  }
  const port = Number(values.port ?? "8420");
  if (!/^\d{1,5}$/.test(values.port ?? "8420") || port < 1 || port > 65535) {
    throw new ConfigError(`--port must be 1-65535, not "${values.port}"`);
  }
  const path = (flag: string, value: string | undefined, required: boolean) => {
    if (value === undefined) {
      if (required) throw new ConfigError(`${flag} is required`);
      return undefined;
    }
    // One line, absolute, bounded: the agent passes it to kvm-manager as one argument.
    const control = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    if (!isAbsolute(value) || value.length > 1024 || control) {
      throw new ConfigError(`${flag} must be an absolute path, not "${value}"`);
    }
    return value;
  };
  if (values.nic !== undefined && !/^[A-Za-z0-9_.:-]{1,15}$/.test(values.nic)) {
    throw new ConfigError(`--nic must be an interface name, not "${values.nic}"`);
  }
  return {
    spec: {
      address,
      prefix,
      port,
      dataDir: path("--data-dir", values["data-dir"], true)!,
      ...(values.nic ? { nic: values.nic } : {}),
      ...(values.binary ? { binary: path("--binary", values.binary, false) } : {}),
      ...(values.config ? { config: path("--config", values.config, false) } : {}),
    },
    print: values.print ?? false,
  };
}

export async function installClusterResourceCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(INSTALL_CLUSTER_RESOURCE_USAGE);
    return 0;
  }
  const { spec, print } = parseManagerGroup(args);
  const xml = managerGroup(spec);
  if (print) {
    console.log(xml);
    return 0;
  }
  const out = await runPcmk(
    "cibadmin",
    ["--create", "--scope", "resources", "--xml-pipe"],
    30_000,
    {},
    xml,
  ).catch((err) => ({ code: 1, stdout: "", stderr: (err as Error).message }));
  if (out.code !== 0) {
    const words = (out.stderr.trim() || out.stdout.trim() || `exit ${out.code}`).slice(-500);
    console.error(`kvm-manager: cibadmin refused the group: ${words}`);
    return 1;
  }
  const host = spec.address.includes(":") ? `[${spec.address}]` : spec.address;
  console.log(
    `Added the group kvm-manager (${spec.address}/${spec.prefix}, then the server on ` +
      `${host}:${spec.port} with ${spec.dataDir}). Pacemaker starts it on one node; ` +
      `crm_mon shows where. To remove it: crm_resource -r kvm-manager --meta -p target-role ` +
      `-v Stopped, then cibadmin --delete --scope resources --xml-text '<group id="kvm-manager"/>'`,
  );
  return 0;
}
