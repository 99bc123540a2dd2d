// Port forwards of NAT networks: checking them, keeping them in the store and keeping the
// firewall equal to what is stored.

import { z } from "zod";
import { AppError, badRequest } from "../errors.ts";
import { fieldCodes, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Firewall, ForwardRule, NotApplied } from "./types.ts";
import { ruleProblem } from "./iptables_rules.ts";
import { OneAtATime } from "./run_command.ts";
import { formatIpv4, inSubnet, parseCidr, parseIpv4 } from "../../shared/ipv4.ts";
import type { Store } from "../store.ts";
import type { PortForward } from "../../shared/networks.ts";

/** What the service needs to know about a network; supplied by the network service. */
export interface NetworkFacts {
  name: string;
  mode: string;
  bridge: string | null;
  /** The IPv4 subnet in CIDR form, e.g. "192.168.122.0/24". */
  subnet: string | null;
  active: boolean;
  /** The host's own address on the network; when left out, the subnet's first address. */
  gateway?: string | null;
}

export const MAX_FORWARD_DESCRIPTION = 200;

const invalid = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", message, { field });
const notFound = (network: string, id: number) =>
  new AppError(
    "NOT_FOUND",
    t("Port forward {{id}} not found on network {{network}}", { id: String(id), network }),
  );
const portTaken = (protocol: string, port: number, network: string) =>
  new AppError(
    "ALREADY_EXISTS",
    t("Host port {{protocol}} {{port}} is already forwarded (network {{network}})", {
      protocol: protocol.toUpperCase(),
      port: String(port),
      network,
    }),
  );

interface Row {
  id: number;
  network: string;
  protocol: "tcp" | "udp";
  host_port: number;
  guest_ip: string;
  guest_port: number;
  description: string;
  created_at: string;
}

const COLUMNS = "id, network, protocol, host_port, guest_ip, guest_port, description, created_at";

type Fields = Omit<PortForward, "id" | "network" | "applied" | "reason">;

/**
 * Port forwards: rows in the store, rules in the firewall. Every change re-applies the whole
 * set, and a change the firewall refuses is undone in the store, so the two never disagree
 * for longer than one call. Mutations run one at a time.
 */
export class PortForwardService {
  /** The networks as last reported by reconcile() or add(). */
  #networks = new Map<string, NetworkFacts>();
  /** Ids of the rules the last successful apply put in place. */
  #applied = new Set<number>();
  /** Of those, the ones the firewall said cannot carry traffic yet, and why. */
  #notApplied: NotApplied = new Map();
  /** Stored forwards left out of the firewall because a rule for them cannot be written. */
  #unwritable: NotApplied = new Map();
  #serial = new OneAtATime();

  constructor(private readonly store: Store, private readonly firewall: Firewall) {}

  /**
   * The network's forwards by id; `applied` tells whether each can carry traffic now (the last
   * apply put it in place, the firewall found nothing in its way, and the network runs), and
   * `reason` why not.
   */
  list(network: string): PortForward[] {
    return this.#rows("WHERE network = ?", network).map((row) => this.#toForward(row));
  }

  /** How many forwards the network has. */
  count(network: string): number {
    const row = this.store.db
      .prepare("SELECT count(*) AS n FROM port_forwards WHERE network = ?")
      .get(network);
    return Number(row?.n ?? 0);
  }

  /**
   * Checks `input` ({protocol, hostPort, guestIp, guestPort, description?}) against the network,
   * stores it and applies the firewall. 400 BAD_REQUEST / VALIDATION_FAILED, 409
   * ALREADY_EXISTS when the host port is taken; when the firewall fails the row is removed
   * again and the firewall's error (503 FIREWALL_UNAVAILABLE, 500 FIREWALL_ERROR) is thrown.
   */
  add(net: NetworkFacts, input: unknown): Promise<PortForward> {
    let fields: Fields;
    try {
      fields = checkInput(net, input);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#serial.run(async () => {
      this.#networks.set(net.name, net);
      const id = this.store.write(() => {
        const taken = this.store.db
          .prepare("SELECT network FROM port_forwards WHERE protocol = ? AND host_port = ?")
          .get(fields.protocol, fields.hostPort);
        if (taken) throw portTaken(fields.protocol, fields.hostPort, String(taken.network));
        const { lastInsertRowid } = this.store.db
          .prepare(
            "INSERT INTO port_forwards (network, protocol, host_port, guest_ip, guest_port, " +
              "description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          )
          .run(
            net.name,
            fields.protocol,
            fields.hostPort,
            fields.guestIp,
            fields.guestPort,
            fields.description,
            new Date().toISOString(),
          );
        return Number(lastInsertRowid);
      });
      try {
        await this.#apply();
      } catch (err) {
        this.store.write(() => {
          this.store.db.prepare("DELETE FROM port_forwards WHERE id = ?").run(id);
        });
        await this.#restore();
        throw err;
      }
      return this.#toForward(this.#rows("WHERE id = ?", id)[0]);
    });
  }

  /**
   * Deletes one forward and takes it out of the firewall; 404 NOT_FOUND when the network has
   * no forward `id`. When the firewall refuses, the forward stays (it is still in place) and
   * the firewall's error is thrown.
   */
  remove(network: string, id: number): Promise<void> {
    return this.#serial.run(async () => {
      const rows = this.#rows("WHERE network = ? AND id = ?", network, id);
      if (rows.length === 0) throw notFound(network, id);
      await this.#deleteRows(rows);
    });
  }

  /**
   * Deletes every forward of a network (when the network is deleted) and returns how many
   * there were. Like remove(), a firewall failure keeps them and throws.
   */
  removeAll(network: string): Promise<number> {
    return this.#serial.run(async () => {
      const rows = this.#rows("WHERE network = ?", network);
      if (rows.length > 0) await this.#deleteRows(rows);
      this.#networks.delete(network);
      return rows.length;
    });
  }

  /**
   * `readNets` must answer every network libvirt knows; it is asked only while a forward is
   * stored (a host with none reads no network, at start-up or after). Deletes the forwards of
   * networks not in it, then applies every stored rule whose network is NAT (active or not — a
   * rule for an inactive network is harmless and is in place the moment it starts). Called at
   * start-up and after network changes. Throws the firewall's error, except that having nothing
   * to forward on a host without iptables (or without the right) is not an error.
   */
  reconcile(readNets: () => NetworkFacts[] | Promise<NetworkFacts[]>): Promise<void> {
    return this.#serial.run(async () => {
      // Asked inside the queue: a forward added meanwhile is either seen here or added after.
      if (this.#rows("").length > 0) {
        this.#networks = new Map((await readNets()).map((net) => [net.name, net]));
        this.store.write(() => {
          const names = new Set(this.#networks.keys());
          const gone = this.#rows("").filter((row) => !names.has(row.network));
          const del = this.store.db.prepare("DELETE FROM port_forwards WHERE id = ?");
          for (const row of gone) del.run(row.id);
        });
      }
      if (this.#rows("").length === 0) {
        // Nothing to forward: leave the host's firewall alone unless old rules of ours remain.
        const present = this.firewall.holdsRules
          ? await this.firewall.holdsRules().catch(() => false)
          : (await this.firewall.list().catch(() => [])).length > 0;
        if (!present) {
          this.#applied = new Set();
          return;
        }
      }
      try {
        await this.#apply();
      } catch (err) {
        const nothingWanted = this.#rules([]).length === 0;
        if (!(nothingWanted && err instanceof AppError && err.code === "FIREWALL_UNAVAILABLE")) {
          throw err;
        }
      }
    });
  }

  /** Deletes `rows` and re-applies; when the firewall refuses, puts them back and throws. */
  async #deleteRows(rows: Row[]) {
    const ids = rows.map((row) => row.id);
    this.store.write(() => {
      const del = this.store.db.prepare("DELETE FROM port_forwards WHERE id = ?");
      for (const id of ids) del.run(id);
    });
    try {
      await this.#apply();
    } catch (err) {
      // Without iptables no rule can be in place, so there is nothing to take out.
      if (err instanceof AppError && err.details?.reason === "not-installed") return;
      this.store.write(() => {
        const insert = this.store.db.prepare(
          `INSERT INTO port_forwards (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const r of rows) {
          insert.run(
            r.id,
            r.network,
            r.protocol,
            r.host_port,
            r.guest_ip,
            r.guest_port,
            r.description,
            r.created_at,
          );
        }
      });
      await this.#restore();
      throw err;
    }
  }

  /** Makes the firewall hold the stored rules of NAT networks. */
  async #apply() {
    const rules = this.#rules(await this.#unknownNetworkRules());
    this.#applied = new Set();
    this.#notApplied = await this.firewall.apply(rules);
    this.#applied = new Set(rules.map((rule) => rule.id));
  }

  /** After a failed change was undone in the store: best effort to match the firewall to it. */
  async #restore() {
    try {
      await this.#apply();
    } catch {
      // The firewall already refused once; the caller reports that error.
    }
  }

  /**
   * The rules to apply. Rows of networks the service has not been told about (before the
   * first reconcile) keep whatever rule the firewall has for them: `inPlace`.
   */
  #rules(inPlace: ForwardRule[]): ForwardRule[] {
    const rules: ForwardRule[] = [];
    this.#unwritable = new Map();
    for (const row of this.#rows("")) {
      const net = this.#networks.get(row.network);
      const rule = {
        id: row.id,
        protocol: row.protocol,
        hostPort: row.host_port,
        guestIp: row.guest_ip,
        guestPort: row.guest_port,
      };
      if (net) {
        if (net.mode !== "nat" || !net.bridge) continue;
        const full = { ...rule, bridge: net.bridge };
        // A network defined elsewhere may name a bridge no rule can be written for: that
        // forward is left out, with the reason, rather than failing every other one.
        const problem = ruleProblem(full);
        if (problem) {
          this.#unwritable.set(
            rule.id,
            () => t("Invalid port forward rule: {{problem}}", { problem: ruleProblem(full)! }),
          );
        } else rules.push(full);
        continue;
      }
      const current = inPlace.find((r) =>
        r.id === rule.id && r.protocol === rule.protocol && r.hostPort === rule.hostPort &&
        r.guestIp === rule.guestIp && r.guestPort === rule.guestPort
      );
      if (current) rules.push(current);
    }
    return rules;
  }

  /** The firewall's rules, when some stored row belongs to a network not reported yet. */
  async #unknownNetworkRules(): Promise<ForwardRule[]> {
    const unknown = this.#rows("").some((row) => !this.#networks.has(row.network));
    return unknown ? await this.firewall.list() : [];
  }

  #rows(where: string, ...params: (string | number)[]): Row[] {
    return this.store.db
      .prepare(`SELECT ${COLUMNS} FROM port_forwards ${where} ORDER BY id`)
      .all(...params) as unknown as Row[];
  }

  #toForward(row: Row): PortForward {
    const reason = this.#whyNot(row);
    return {
      id: Number(row.id),
      network: row.network,
      protocol: row.protocol,
      hostPort: Number(row.host_port),
      guestIp: row.guest_ip,
      guestPort: Number(row.guest_port),
      description: row.description,
      applied: reason === null,
      reason,
    };
  }

  /** Why a stored forward cannot carry traffic now, or null when it can. */
  #whyNot(row: Row): string | null {
    const net = this.#networks.get(row.network);
    if (net && (net.mode !== "nat" || !net.bridge)) {
      return t("Network {{network}} is no longer a NAT network with a bridge", {
        network: row.network,
      });
    }
    if (net && !net.active) {
      return t("Network {{network}} is not running", { network: row.network });
    }
    const problem = this.#unwritable.get(Number(row.id));
    if (problem) return problem();
    if (!this.#applied.has(Number(row.id))) {
      return t(
        "Not in the host's firewall: not applied since KVM Manager started, or the last change of the firewall failed",
      );
    }
    return this.#notApplied.get(Number(row.id))?.() ?? null;
  }
}

// The refusals' words are functions, so that zod asks for them per request (in its language).
const portRule = (key: string) => () =>
  t("{{key}} must be a whole number from 1 to 65535", { key });
const port = (key: string) =>
  z.int({ error: portRule(key) }).min(1, { error: portRule(key) }).max(65535, {
    error: portRule(key),
  });
const guestIpRule = () => t("guestIp must be an IPv4 address such as 192.168.122.10");
const descriptionLong = () =>
  t("description must be at most {{max}} characters", { max: String(MAX_FORWARD_DESCRIPTION) });
const FIELDS = ["protocol", "hostPort", "guestIp", "guestPort", "description"];

/** The body of `POST /api/networks/:net/forwards`; its place in the network is checked after. */
export const PortForwardBody = z.strictObject({
  protocol: z.enum(["tcp", "udp"], { error: () => t('protocol must be "tcp" or "udp"') }),
  hostPort: port("hostPort"),
  guestPort: port("guestPort"),
  guestIp: z.string({ error: guestIpRule }).max(15, { error: guestIpRule }).refine(
    (ip) => parseIpv4(ip) !== null,
    {
      error: guestIpRule,
    },
  ).meta({ description: "A guest's IPv4 address inside the network's subnet" }),
  description: z.string({ error: () => t("description must be text") })
    .max(MAX_FORWARD_DESCRIPTION, { error: descriptionLong })
    // deno-lint-ignore no-control-regex
    .regex(/^[^\x00-\x1f\x7f-\x9f]*$/, {
      error: () => t("description must not contain control characters"),
    }).nullable().optional(),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields: {{fields}} (a port forward has {{known}})", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
        known: FIELDS.join(", "),
      })
      : t("A port forward must be a JSON object"),
});
export const PORT_FORWARD_CODES = {
  fields: fieldCodes(PortForwardBody.shape, "VALIDATION_FAILED"),
  nameField: true,
};

/** Checks a request body against the network; throws the first problem as a 400. */
function checkInput(net: NetworkFacts, input: unknown): Fields {
  if (net.mode !== "nat") {
    throw badRequest(
      t("Port forwarding works only on NAT networks; {{name}} is {{mode}}", {
        name: net.name,
        mode: net.mode,
      }),
    );
  }
  if (!net.bridge) {
    throw badRequest(t("Network {{name}} has no bridge to forward to", { name: net.name }));
  }
  const subnet = parseCidr(net.subnet);
  if (!subnet) {
    throw badRequest(t("Network {{name}} has no IPv4 subnet to forward to", { name: net.name }));
  }
  const body = validated(PortForwardBody, input, PORT_FORWARD_CODES);
  const { protocol, hostPort, guestIp, guestPort } = body;
  const ip = parseIpv4(guestIp)!;
  const where = { guestIp, network: net.name, subnet: String(net.subnet) };
  const gateway = parseIpv4(net.gateway) ?? subnet.first;
  if (ip === subnet.network) {
    throw invalid(
      "guestIp",
      t(
        "guestIp {{guestIp}} is the subnet address of network {{network}} ({{subnet}}), not a guest",
        where,
      ),
    );
  }
  if (ip === subnet.broadcast) {
    throw invalid(
      "guestIp",
      t("guestIp {{guestIp}} is the broadcast address of network {{network}} ({{subnet}})", where),
    );
  }
  if (!inSubnet(ip, subnet)) {
    throw invalid(
      "guestIp",
      t("guestIp {{guestIp}} is outside network {{network}} ({{subnet}})", where),
    );
  }
  if (ip === gateway) {
    throw invalid(
      "guestIp",
      t("guestIp {{guestIp}} is the host's own address on network {{network}} ({{subnet}})", where),
    );
  }
  return {
    protocol,
    hostPort,
    guestIp: formatIpv4(ip),
    guestPort,
    description: body.description ?? "",
  };
}
