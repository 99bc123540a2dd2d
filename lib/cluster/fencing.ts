// Fencing devices (issue 48 item 3): the fence-agents Debian ships (fence_ipmilan, fence_virsh,
// fence_apc, …) added as Pacemaker stonith resources, tested, and removed, all through
// Pacemaker's own tools. Without a working device Pacemaker cannot power off a lost node, so it
// never starts that node's VMs elsewhere.
//
// Only the agents and parameters lib/cluster/fence_params.ts allows, each value checked to its
// kind: a fence agent runs as root on every node, and many glue values into command lines.
// Values reach the tools through the environment (--env-option) and standard input
// (cibadmin --xml-pipe), never KVM Manager's command lines. (fence_ipmilan itself hands the
// password to ipmitool as -P, which ipmitool blanks once started: upstream's way.)

import { XMLParser } from "fast-xml-parser";
import { AppError } from "../errors.ts";
import type { ClusterStatus } from "../../shared/cluster.ts";
import type { FenceAgentInfo, FenceParam, FencingTest } from "../../shared/cluster.ts";
import { t } from "../../shared/i18n/t.ts";
import { fencingPrimitive } from "./cib.ts";
import { deletePrimitive, notOurs, pcmk, runPcmk } from "./pcmk.ts";
import {
  AGENT_PARAMS,
  FENCE_AGENT,
  isSecret,
  type ParamKind,
  PCMK_PARAMS,
  refusal,
  SUPPORTED_AGENTS,
  written,
} from "./fence_params.ts";
import type { ClusterService } from "./service.ts";
import type { FencingInput } from "./input.ts";

const pcmkParams = (): FenceParam[] =>
  Object.entries(PCMK_PARAMS).map(([name, { description }]) => ({
    name,
    type: "string",
    required: false,
    description,
    default: null,
    choices: [],
    secret: false,
  }));

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ["item", "parameter", "option", "action"].includes(name),
});

// deno-lint-ignore no-explicit-any
type El = Record<string, any>;

/** The fence_* agents `stonith_admin --list-installed --output-as=xml` names, sorted. */
export function parseInstalled(xml: string): string[] {
  const doc: El = parser.parse(xml);
  const items = (doc["pacemaker-result"]?.list?.item ?? []) as unknown[];
  return items.map((i) => String(typeof i === "object" ? (i as El)["#text"] : i))
    .filter((name) => FENCE_AGENT.test(name)).sort();
}

/** An agent's parameters from `stonith_admin --metadata --agent A --output-as=xml`. */
export function parseMetadata(agent: string, xml: string): FenceAgentInfo {
  const outer: El = parser.parse(xml);
  const inner = outer["pacemaker-result"]?.metadata;
  const text = typeof inner === "string" ? inner : inner?.["#text"];
  if (typeof text !== "string") {
    throw new AppError(
      "CLUSTER_UNREADABLE",
      t("The fence agent {{agent}} gave no metadata", { agent }),
    );
  }
  const ra: El = parser.parse(text)["resource-agent"] ?? {};
  const params: FenceParam[] = [];
  for (const p of (ra.parameters?.parameter ?? []) as El[]) {
    const name = String(p["@name"] ?? "");
    if (!name || p["@deprecated"] === "1" || !Object.hasOwn(AGENT_PARAMS, name)) continue;
    if (!SUPPORTED_AGENTS.includes(agent)) continue;
    const content: El = p.content ?? {};
    params.push({
      name,
      type: String(content["@type"] ?? "string"),
      required: p["@required"] === "1",
      description: typeof p.shortdesc === "string"
        ? p.shortdesc
        : String(p.shortdesc?.["#text"] ?? ""),
      default: content["@default"] === undefined ? null : String(content["@default"]),
      choices: ((content.option ?? []) as El[]).map((o) => String(o["@value"])),
      secret: isSecret(name),
    });
  }
  return {
    agent,
    description: String(ra["@shortdesc"] ?? ""),
    params: [...params, ...pcmkParams()],
  };
}

export class FencingService {
  readonly #cluster: ClusterService;
  #installed: string[] | null = null;
  readonly #testing = new Map<string, Promise<FencingTest>>();

  constructor(cluster: ClusterService) {
    this.#cluster = cluster;
  }

  /** The fence_* agents installed on this node (Debian's fence-agents package). */
  async agents(): Promise<string[]> {
    if (this.#installed) return this.#installed;
    const offered = new Set(SUPPORTED_AGENTS);
    const found = parseInstalled(
      await pcmk("stonith_admin", ["--list-installed", "--output-as=xml"], 15_000),
    ).filter((a) => offered.has(a));
    // Installed agents change only with a package install: kept once found.
    if (found.length > 0) this.#installed = found;
    return found;
  }

  /** One agent's parameters, as its own metadata names them (minus the refused ones). */
  async agent(agent: string): Promise<FenceAgentInfo> {
    if (!FENCE_AGENT.test(agent) || !(await this.agents()).includes(agent)) {
      throw new AppError(
        "FENCE_AGENT_NOT_FOUND",
        t(
          "No fence agent {{agent}} is offered here: KVM Manager adds IPMI (fence_ipmilan, fence_idrac, fence_ilo*), Redfish and fence_virsh devices, when Debian's fence-agents is installed; others through Pacemaker's own tools",
          {
            agent,
          },
        ),
      );
    }
    return parseMetadata(
      agent,
      await pcmk("stonith_admin", ["--metadata", "--agent", agent, "--output-as=xml"], 15_000),
    );
  }

  /**
   * Adds a fencing device: the agent checks its parameters first (validate-all), then the
   * stonith resource goes into the CIB, marked as KVM Manager's.
   */
  async add(input: FencingInput): Promise<{ device: string }> {
    const cluster = await this.#cluster.member();
    const taken = [...cluster.resources, ...cluster.fencing.devices].some((r) => r.id === input.id);
    if (taken) {
      throw new AppError(
        "RESOURCE_EXISTS",
        t("The cluster has a resource named {{resource}} already", { resource: input.id }),
        { field: "id" },
      );
    }
    const unknownHost = input.hosts.find((h) => !cluster.nodes.some((n) => n.name === h));
    if (unknownHost) {
      throw new AppError(
        "INVALID_INPUT",
        t("hosts must be nodes of the cluster ({{nodes}}): {{host}} is not", {
          nodes: cluster.nodes.map((n) => n.name).join(", "),
          host: unknownHost,
        }),
        { field: "hosts" },
      );
    }
    const info = await this.agent(input.agent);
    for (const name of Object.keys(input.params)) {
      if (!info.params.some((p) => p.name === name)) {
        throw new AppError(
          "INVALID_INPUT",
          t("{{agent}} takes no parameter {{name}} here; it takes {{names}}", {
            agent: input.agent,
            name,
            names: info.params.map((p) => p.name).join(", "),
          }),
          { field: `params.${name}` },
        );
      }
    }
    for (const [name, value] of Object.entries(input.params)) {
      const p = info.params.find((q) => q.name === name)!;
      const kind: ParamKind = PCMK_PARAMS[name]?.kind ?? AGENT_PARAMS[name];
      const why = refusal(kind, value, p.choices);
      if (why) {
        throw new AppError(
          "INVALID_INPUT",
          t("{{name}} must be {{what}}", { name, what: why }),
          { field: `params.${name}` },
        );
      }
    }
    const missing = info.params.find((p) => p.required && !(p.name in input.params));
    if (missing) {
      throw new AppError(
        "INVALID_INPUT",
        t("{{agent}} needs the parameter {{name}} ({{description}})", {
          agent: input.agent,
          name: missing.name,
          description: missing.description,
        }),
        { field: `params.${missing.name}` },
      );
    }
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.params)) {
      const kept = written(name, value);
      if (kept !== null) params[name] = kept;
    }
    const agentParams = Object.entries(params).filter(([k]) => !k.startsWith("pcmk_"));
    const check = await runPcmk(
      "stonith_admin",
      [
        "--validate",
        "--agent",
        input.agent,
        ...agentParams.flatMap(([name]) => ["--env-option", name]),
      ],
      30_000,
      Object.fromEntries(agentParams.map(([k, v]) => [`OCF_RESKEY_${k}`, v])),
    );
    if (check.code !== 0) {
      throw new AppError(
        "INVALID_INPUT",
        t("{{agent}} refused these parameters: {{words}}", {
          agent: input.agent,
          words: toolWords(check.stdout, check.stderr, check.code),
        }),
        { field: "params" },
      );
    }
    this.#cluster.forget();
    // --xml-pipe: the primitive holds the password, and a command line is seen by `ps`.
    await pcmk(
      "cibadmin",
      ["--create", "--scope", "resources", "--xml-pipe"],
      30_000,
      fencingPrimitive({
        id: input.id,
        agent: input.agent,
        hosts: input.hosts,
        params,
      }),
    );
    this.#cluster.forget();
    return { device: input.id };
  }

  /**
   * Asks the device for its status through Pacemaker's fencer (the agent's monitor), and which
   * nodes it can power off. Fences nothing.
   */
  test(device: string): Promise<FencingTest> {
    // One test of a device at a time: a second asker shares the first's answer.
    const running = this.#testing.get(device);
    if (running) return running;
    const test = this.#test(device).finally(() => this.#testing.delete(device));
    this.#testing.set(device, test);
    return test;
  }

  async #test(device: string): Promise<FencingTest> {
    const cluster = await this.#device(device);
    // --opt=value: a name is never read as an option of its own, whatever it starts with.
    const status = await runPcmk("stonith_admin", [`--query=${device}`, "--timeout=30"], 40_000);
    // Which nodes the device can fence, as Pacemaker decides it (its host list or map, else the
    // agent's own list): the devices for each node. Not the agent's `list` action
    // (--list-targets): IPMI boards have none, and fence_ipmilan answers it with a notice.
    const nodes = cluster.nodes.map((n) => n.name);
    const lists = status.code === 0
      ? await Promise.all(
        nodes.map((n) =>
          runPcmk("stonith_admin", [`--list=${n}`, "--output-as=xml", "--timeout=30"], 40_000)
        ),
      )
      : [];
    const can = nodes.filter((_, at) =>
      lists[at]?.code === 0 && parseListItems(lists[at].stdout).includes(device)
    );
    return {
      device,
      ok: status.code === 0,
      message: status.code === 0
        ? t("{{device}} answers", { device })
        : t("{{device}} does not answer: {{words}}", {
          device,
          words: toolWords(status.stdout, status.stderr, status.code),
        }),
      targets: can,
      uncovered: status.code === 0 ? nodes.filter((n) => !can.includes(n)) : nodes,
      testedAt: new Date().toISOString(),
    };
  }

  /** Removes a device KVM Manager added (HA_NOT_OURS for any other). */
  async remove(device: string): Promise<{ device: string }> {
    const cluster = await this.#device(device);
    if (!cluster.fencing.devices.find((d) => d.id === device)!.ours) throw notOurs(device);
    this.#cluster.forget();
    await deletePrimitive(device);
    this.#cluster.forget();
    return { device };
  }

  async #device(device: string): Promise<ClusterStatus> {
    const cluster = await this.#cluster.member();
    if (!cluster.fencing.devices.some((d) => d.id === device)) {
      throw new AppError(
        "FENCING_DEVICE_NOT_FOUND",
        t("The cluster has no fencing device {{device}}", { device }),
      );
    }
    return cluster;
  }
}

/** The items of a `stonith_admin … --output-as=xml` list: the devices `--list NODE` names. */
export function parseListItems(xml: string): string[] {
  try {
    const doc: El = parser.parse(xml);
    const items = (doc["pacemaker-result"]?.list?.item ?? []) as unknown[];
    return items.map((i) => typeof i === "object" ? (i as El | null)?.["#text"] : i)
      .filter((n) => n !== undefined && n !== null).map((n) => String(n).trim())
      .filter((n) => n);
  } catch {
    return [];
  }
}

function toolWords(stdout: string, stderr: string, code: number): string {
  const words = `${stderr.trim()}\n${stdout.trim()}`.trim().replace(/\s+/g, " ");
  return words.slice(-400) || `exit ${code}`;
}
