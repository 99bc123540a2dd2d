// Highly available VMs (issue 48 item 2): a VM of the server's own host handed to Pacemaker as an
// ocf:heartbeat:VirtualDomain resource, its definition written to shared storage (a pool the
// admin marks as shared, seen by every node at the same path) beside its disks; then started,
// stopped and handed back through Pacemaker's own tools. KVM Manager only ever touches resources
// it made (meta attribute kvmm-managed).

import { normalize } from "node:path";
import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import type { ClusterResource } from "../../shared/cluster.ts";
import type { Vm } from "../../shared/vms.ts";
import type { PoolInfo } from "../../shared/storage.ts";
import { t } from "../../shared/i18n/t.ts";
import type { ClusterService } from "./service.ts";
import { preferNode, resourceIdFor, virtualDomainPrimitive } from "./cib.ts";
import { deletePrimitive, notOurs, pcmk, primitiveDeleteArgs, runPcmk } from "./pcmk.ts";
import { parseXml, text } from "../xml/parser.ts";
import type { HaAction, HaInput } from "./input.ts";

const SHARED_KEY = "cluster.sharedPools";
/** Names VirtualDomain's shell handles: it uses the domain name unquoted. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** Pool types whose folder is a mounted file system. */
const FILE_POOLS = ["dir", "fs", "netfs"];
/** The folder in a shared pool that holds the HA VMs' definitions. */
export const HA_DIR = ".kvmm-ha";

/** What the HA service needs of the host's VMs and pools. */
export interface HaHost {
  getVm(id: string): Promise<Vm>;
  vmXml(id: string): Promise<string>;
  pools(): Promise<PoolInfo[]>;
  /** Turns libvirt's autostart off: Pacemaker starts the VM, not libvirtd at boot. */
  autostartOff(id: string): Promise<void>;
  /** Removes KVM Manager's boot order (lib/startup/): its start at host boot would race Pacemaker. */
  clearBootOrder(id: string): Promise<void>;
}

export interface HaServiceOptions {
  store: Store;
  cluster: ClusterService;
  host: HaHost;
  /** Extra `virsh migrate` options for every HA VM (the test bed's `--unsafe`; never on real clusters). */
  migrateOptions?: string;
  /** How VirtualDomain migrates between nodes: ssh (default; root's keys) or tls, tcp on the bed. */
  migrationTransport?: string;
}

export class HaService {
  readonly #store: Store;
  readonly #cluster: ClusterService;
  readonly #host: HaHost;
  readonly #migrateOptions?: string;
  readonly #migrationTransport: string;

  constructor({ store, cluster, host, migrateOptions, migrationTransport }: HaServiceOptions) {
    this.#migrationTransport = migrationTransport ?? "ssh";
    this.#store = store;
    this.#cluster = cluster;
    this.#host = host;
    this.#migrateOptions = migrateOptions;
  }

  /** The pools the admin marked as shared (seen by every node at the same path). */
  sharedPools(): string[] {
    return readSetting<string[]>(this.#store, SHARED_KEY, []);
  }

  setSharedPools(pools: string[]): string[] {
    const unique = [...new Set(pools)].sort();
    this.#store.write(() => writeSetting(this.#store, SHARED_KEY, unique));
    return unique;
  }

  /** Hands the VM to Pacemaker; answers its resource as the cluster then reports it. */
  async makeHa(input: HaInput): Promise<{ resource: string; config: string }> {
    const cluster = await this.#cluster.member();
    const vm = await this.#host.getVm(input.vm);
    const taken = cluster.resources.find((r) => r.kind === "vm" && r.domain === vm.name);
    if (taken) {
      throw new AppError(
        "HA_EXISTS",
        t("{{name}} is highly available already (Pacemaker resource {{resource}})", {
          name: vm.name,
          resource: taken.id,
        }),
      );
    }
    const id = resourceIdFor(vm.name);
    if (
      cluster.resources.some((r) => r.id === id) || cluster.fencing.devices.some((r) => r.id === id)
    ) {
      throw new AppError(
        "HA_EXISTS",
        t("The cluster has a resource named {{resource}} already", { resource: id }),
      );
    }
    if (input.preferredNode && !cluster.nodes.some((n) => n.name === input.preferredNode)) {
      throw new AppError(
        "INVALID_INPUT",
        t("preferredNode must be a node of the cluster: {{nodes}}", {
          nodes: cluster.nodes.map((n) => n.name).join(", "),
        }),
        { field: "preferredNode" },
      );
    }
    if (!SAFE_NAME.test(vm.name)) {
      // VirtualDomain uses the name unquoted in its shell: spaces or quotes would break its
      // monitor, and a monitor that says "not running" starts a second copy elsewhere.
      throw new AppError(
        "INVALID_STATE",
        t(
          "{{name}} cannot be made highly available: Pacemaker's VirtualDomain agent needs a VM name of letters, digits, _ . and - only",
          { name: vm.name },
        ),
      );
    }
    const xml = await this.#host.vmXml(vm.id);
    const home = await this.#sharedHome(vm, xml);
    const config = await writeDefinition(home, vm.id, xml);
    await this.#host.clearBootOrder(vm.id);
    if ((await this.#host.getVm(vm.id)).autostart) await this.#host.autostartOff(vm.id);
    const running = vm.state === "running" || vm.state === "paused";
    this.#cluster.forget();
    await this.#create(id, vm.name, [
      "--create",
      "--scope",
      "resources",
      "--xml-text",
      virtualDomainPrimitive({
        id,
        config,
        allowMigrate: input.allowMigrate,
        priority: input.priority,
        startTimeoutS: input.startTimeoutS,
        stopTimeoutS: input.stopTimeoutS,
        targetRole: running ? "Started" : "Stopped",
        migrateOptions: this.#migrateOptions,
        migrationTransport: this.#migrationTransport,
      }),
    ]);
    if (input.preferredNode) {
      try {
        await pcmk("cibadmin", [
          "--create",
          "--scope",
          "constraints",
          "--xml-text",
          preferNode(id, input.preferredNode),
        ]);
      } catch (err) {
        // Half made is not made: the resource goes again (it was Stopped or found running here).
        await runPcmk("cibadmin", primitiveDeleteArgs(id));
        this.#cluster.forget();
        throw err;
      }
    }
    this.#cluster.forget();
    return { resource: id, config };
  }

  /**
   * cibadmin --create; when it refuses because another request made the resource meanwhile,
   * that is HA_EXISTS, not the tool's words.
   */
  async #create(id: string, name: string, args: string[]): Promise<void> {
    try {
      await pcmk("cibadmin", args);
    } catch (err) {
      this.#cluster.forget();
      const now = await this.#cluster.view().catch(() => null);
      if (now?.present && now.resources.some((r) => r.id === id)) {
        throw new AppError(
          "HA_EXISTS",
          t("{{name}} is highly available already (Pacemaker resource {{resource}})", {
            name,
            resource: id,
          }),
        );
      }
      throw err;
    }
  }

  /** Starts or stops an HA VM through Pacemaker (target-role): a stop holds until a start. */
  async action(
    resource: string,
    action: HaAction,
  ): Promise<{ resource: string; targetRole: string }> {
    await this.#ours(resource);
    const role = action === "start" ? "Started" : "Stopped";
    await pcmk("crm_resource", [
      "--resource",
      resource,
      "--meta",
      "--set-parameter",
      "target-role",
      "--parameter-value",
      role,
    ]);
    this.#cluster.forget();
    return { resource, targetRole: role };
  }

  /**
   * Hands the VM back: Pacemaker stops managing it (is-managed=false, so deleting the resource
   * stops nothing), then the resource and its location preferences are removed. The VM keeps
   * running where it runs; its definition stays on the shared pool.
   */
  async removeHa(resource: string): Promise<{ resource: string }> {
    await this.#ours(resource);
    await pcmk("crm_resource", [
      "--resource",
      resource,
      "--meta",
      "--set-parameter",
      "is-managed",
      "--parameter-value",
      "false",
    ]);
    // Every constraint naming it (its preference, crm_resource's cli-prefer/cli-ban, colocations
    // and orders): --delete alone removes only the first match. The id is a checked XML id, so
    // it sits in the XPath literal as is.
    for (
      const xpath of [
        `//constraints/rsc_location[@rsc='${resource}']`,
        `//constraints/rsc_colocation[@rsc='${resource}' or @with-rsc='${resource}']`,
        `//constraints/rsc_order[@first='${resource}' or @then='${resource}']`,
      ]
    ) {
      // --force: cibadmin calls any --delete-all "dangerous"; these XPaths name one resource.
      await runPcmk("cibadmin", ["--delete-all", "--force", "--xpath", xpath]);
    }
    // The orphan Pacemaker still lists (unmanaged) is forgotten too.
    await deletePrimitive(resource);
    this.#cluster.forget();
    return { resource };
  }

  /** An HA VM resource KVM Manager made; 404 HA_NOT_FOUND otherwise. */
  async #ours(resource: string): Promise<ClusterResource> {
    const view = await this.#cluster.member();
    const found = view.resources.find((r) => r.id === resource && r.kind === "vm");
    if (!found) {
      throw new AppError(
        "HA_NOT_FOUND",
        t("No highly available VM has the resource name {{resource}}", { resource }),
      );
    }
    if (!found.ours) throw notOurs(resource);
    return found;
  }

  /**
   * The folder of the shared pool that holds the VM's disks (and its kernel, initrd and CD-ROMs):
   * every file the definition names must lie in one of the shared pools, or the VM could not
   * start on another node. 409 HA_NEEDS_SHARED_STORAGE names the first that does not.
   */
  async #sharedHome(vm: Vm, xml: string): Promise<string> {
    const marked = new Set(this.sharedPools());
    // Only mounted file pools hold files every node can open at the same path.
    const shared = (await this.#host.pools()).filter((p) =>
      marked.has(p.name) && p.path && p.active && FILE_POOLS.includes(p.type)
    );
    if (shared.length === 0) {
      throw new AppError(
        "HA_NEEDS_SHARED_STORAGE",
        t(
          "No storage pool is marked as shared: mark the pool every node sees at the same path (Cluster page, Shared storage) first",
        ),
      );
    }
    // Resolved first: a path through ".." or a link is where it leads, not where it starts.
    const real = async (path: string) => await Deno.realPath(path).catch(() => normalize(path));
    const roots = await Promise.all(shared.map(async (p) => ({ p, root: await real(p.path!) })));
    const inPool = async (file: string) => {
      const at = await real(file);
      return roots.find(({ root }) => at.startsWith(`${root.replace(/\/$/, "")}/`))?.p;
    };
    const files = [
      ...vm.disks.filter((d) => d.path !== null).map((d) => ({ what: d.target, file: d.path! })),
      ...bootFiles(xml).map((file) => ({ what: file, file })),
    ];
    let home: PoolInfo | undefined;
    for (const { what, file } of files) {
      const pool = await inPool(file);
      if (!pool) {
        throw new AppError(
          "HA_NEEDS_SHARED_STORAGE",
          t(
            "{{what}} of {{name}} ({{file}}) is not in a shared pool ({{pools}}): the other nodes could not start the VM",
            { what, name: vm.name, file, pools: shared.map((p) => p.name).join(", ") },
          ),
        );
      }
      home ??= pool;
    }
    return (home ?? shared[0]).path!.replace(/\/$/, "");
  }
}

/** Files a domain boots from directly: kernel, initrd, device tree. */
function bootFiles(xml: string): string[] {
  const os = parseXml(xml).domain?.os ?? {};
  return ["kernel", "initrd", "dtb"].map((tag) => text(os[tag])?.trim()).filter((f): f is string =>
    !!f
  );
}

/**
 * Writes the VM's definition to `home/.kvmm-ha/UUID.xml`, the file Pacemaker starts it from as
 * root on every node. The folder must be root's own and closed to everyone else (made so when it
 * is new; refused when someone else made it, or it is a link): whoever could write there could
 * make every node run a VM definition of their choosing. The file goes in under a fresh name and
 * is renamed over the old, so no link planted beside it is followed.
 */
async function writeDefinition(home: string, uuid: string, xml: string): Promise<string> {
  const folder = `${home}/${HA_DIR}`;
  try {
    await Deno.mkdir(folder, { mode: 0o700 });
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
  }
  const st = await Deno.lstat(folder);
  if (!st.isDirectory || st.isSymlink || st.uid !== 0 || ((st.mode ?? 0) & 0o077) !== 0) {
    throw new AppError(
      "HA_NEEDS_SHARED_STORAGE",
      t(
        "{{folder}} is not a folder only root may use (it is a link, or others may write it): KVM Manager keeps HA VMs' definitions there; remove it and try again",
        { folder },
      ),
    );
  }
  const config = `${folder}/${uuid}.xml`;
  const fresh = `${folder}/.${uuid}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(fresh, xml, { createNew: true, mode: 0o600 });
  await Deno.rename(fresh, config);
  return config;
}
