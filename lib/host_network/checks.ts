// The refusals a staged change meets before the interfaces file is changed, in one place for
// every kind of change: the kernel's links as they are now and the staged file as it will be are
// both asked (a bond staged a moment ago is a parent a VLAN may be staged on). Each refusal names
// the field it is about, so the page shows it there.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type Block, stanzasOf } from "./interfaces_file.ts";
import type { IpLink } from "./interfaces.ts";
import { configuredElsewhere } from "./sourced.ts";
import { kindInFile, usersOf } from "./stanzas.ts";

/** Names ifupdown2 or the kernel read as something else. */
const RESERVED = new Set(["all", "default", "lo", "auto", "none"]);

/** What a change is checked against: the host's links and the staged file's blocks. */
export interface StageContext {
  links: Map<string, IpLink>;
  blocks: Block[];
  /** The interfaces file as it is now (applied): what put the kernel's ports where they are. */
  applied: Block[];
  /** The interfaces file's path, whose sourced files are looked in. */
  interfacesPath: string;
}

/** `field` is left out where the answer was `{code, message}` before fields were named. */
export const notFound = (name: string, field?: string) =>
  new AppError(
    "HOST_INTERFACE_NOT_FOUND",
    t("This host has no interface named {{name}}", { name }),
    field === undefined ? undefined : { field },
  );

export const taken = (message: string, field: string) =>
  new AppError("HOST_NETWORK_NAME_TAKEN", message, { field });

/** Refused unless `name` is free: no link, no stanza of the staged file, not a reserved word. */
export async function checkFreeName(ctx: StageContext, name: string, field: string) {
  if (RESERVED.has(name) || ctx.links.has(name) || stanzasOf(ctx.blocks, name).length > 0) {
    throw taken(t("This host already has an interface named {{name}}", { name }), field);
  }
  await checkNotElsewhere(ctx, name, field);
}

/** Refused when a file the interfaces file sources configures `name`: it is not changed here. */
export async function checkNotElsewhere(ctx: StageContext, name: string, field: string) {
  const elsewhere = await configuredElsewhere(ctx.blocks, ctx.interfacesPath, name);
  if (elsewhere) {
    throw taken(
      t("{{name}} is configured in {{file}}: KVM Manager changes only {{interfaces}}", {
        name,
        file: elsewhere,
        interfaces: ctx.interfacesPath,
      }),
      field,
    );
  }
}

/** The bridge or bond `name` is a port of, now (the kernel) or once staged (the file). */
export function masterOf(ctx: StageContext, name: string): string | null {
  const inFile = usersOf(ctx.blocks, name).find((u) => {
    const kind = kindInFile(ctx.blocks, u);
    return kind === "bridge" || kind === "bond";
  });
  if (inFile) return inFile;
  // A port the file as applied put on its bridge or bond is free once the staged file takes it
  // out; one the file never named (a VM's tap) stays its master's.
  const kernel = ctx.links.get(name)?.master ?? null;
  return kernel !== null && usersOf(ctx.applied, name).includes(kernel) ? null : kernel;
}

/** Refused when `name` is a port of a bridge or bond: it has no traffic of its own. */
export function checkNotAPort(ctx: StageContext, name: string, field: string) {
  const master = masterOf(ctx, name);
  if (master) {
    throw taken(t("{{name}} is already a port of {{master}}", { name, master }), field);
  }
}

/** What the staged file makes `name`, when it is a bridge, bond or VLAN the kernel lacks yet. */
export function stagedKind(ctx: StageContext, name: string) {
  return ctx.links.has(name) ? null : kindInFile(ctx.blocks, name);
}

/** A NIC (or a test's veth): what a bond takes as a member. */
export function isNic(link: IpLink): boolean {
  const kind = link.linkinfo?.info_kind;
  return link.link_type === "ether" && (kind === undefined || kind === "veth");
}

/**
 * Refused unless each member is a NIC of this host that is free to bond: no port of anything,
 * carrying no VLAN of the file, configured nowhere else; and at most one of them has addresses
 * in the file (they move to the bond: two would be two places at once).
 */
export async function checkMembers(ctx: StageContext, members: string[], bond?: string) {
  const field = "members";
  for (const member of members) {
    // A member the bond has already stays as it is: it was checked when it joined.
    if (bond !== undefined && masterOf(ctx, member) === bond) continue;
    const link = ctx.links.get(member);
    if (!link) throw notFound(member, field);
    if (!isNic(link)) {
      throw taken(t("{{name}} is not a NIC: a bond is made of NICs", { name: member }), field);
    }
    checkNotAPort(ctx, member, field);
    const vlans = usersOf(ctx.blocks, member).filter((u) => kindInFile(ctx.blocks, u) === "vlan");
    if (vlans.length > 0) {
      throw taken(
        t("{{name}} carries {{vlans}}: a bond's member carries no VLAN of its own", {
          name: member,
          vlans: vlans.join(", "),
        }),
        field,
      );
    }
    await checkNotElsewhere(ctx, member, field);
  }
  const joining = members.filter((m) => bond === undefined || masterOf(ctx, m) !== bond);
  const addressed = joining.filter(isAddressed(ctx));
  if (bond !== undefined && addressed.length > 0) {
    throw movesAddresses(addressed[0], bond, field);
  }
  if (addressed.length > 1) {
    throw taken(
      t("{{names}} all have addresses: give them to one of them (or none) first", {
        names: addressed.join(", "),
      }),
      field,
    );
  }
}

/**
 * Refused unless `parent` can carry VLAN `id` as `name`: a NIC, bond or bridge of the host or
 * of the staged file, no port, and the id not on it already.
 */
export function checkVlanParent(ctx: StageContext, parent: string, id: number) {
  const field = "parent";
  const link = ctx.links.get(parent);
  const staged = stagedKind(ctx, parent);
  if (!link && !staged) throw notFound(parent, field);
  const kind = link ? link.linkinfo?.info_kind : staged;
  if ((link && link.link_type !== "ether") || kind === "vlan") {
    throw taken(
      t("{{name}} cannot carry a VLAN: only a NIC, bond or bridge can", { name: parent }),
      field,
    );
  }
  checkNotAPort(ctx, parent, field);
  const onParent =
    [...ctx.links.values()].find((l) =>
      l.linkinfo?.info_kind === "vlan" && l.link === parent && l.linkinfo.info_data?.id === id
    )?.ifname ?? usersOf(ctx.blocks, parent).find((u) => {
      const [stanza] = stanzasOf(ctx.blocks, u);
      const given = stanza?.options.find(([k]) => k === "vlan-id")?.[1];
      return given === undefined ? u === `${parent}.${id}` : Number(given) === id;
    });
  if (onParent) {
    throw new AppError(
      "HOST_NETWORK_NAME_TAKEN",
      t("VLAN {{id}} is already on {{parent}}: {{name}}", {
        id: String(id),
        parent,
        name: onParent,
      }),
      { field: "id" },
    );
  }
}

/** Whether the staged file gives `name` addresses of its own (static or DHCP). */
const isAddressed = (ctx: StageContext) => (name: string) =>
  stanzasOf(ctx.blocks, name).some((s) =>
    s.method === "dhcp" || s.method === "static" || s.options.some(([k]) => k === "address")
  );

/**
 * A NIC with addresses joining an existing bridge or bond: its addresses would be left on a port,
 * which carries no traffic of its own, so the host would lose them without a word.
 */
const movesAddresses = (name: string, to: string, field: string) =>
  taken(
    t(
      "{{name}} has addresses: a port has none. Set its addresses to none first (and give them to {{to}} if the host should keep them there)",
      { name, to },
    ),
    field,
  );

/**
 * Refused unless each of `ports` can be a port of bridge `bridge`: a NIC, bond or VLAN of the host
 * or of the staged file (not a bridge, not the bridge itself), no port of another bridge or bond,
 * without addresses of its own, configured nowhere else.
 */
export async function checkBridgePorts(ctx: StageContext, bridge: string, ports: string[]) {
  const field = "ports";
  for (const port of ports) {
    const link = ctx.links.get(port);
    const staged = stagedKind(ctx, port);
    if (!link && !staged) throw notFound(port, field);
    const kind = link ? link.linkinfo?.info_kind : staged;
    if (
      port === bridge || kind === "bridge" || (link && link.link_type !== "ether") ||
      (kind !== undefined && kind !== "bond" && kind !== "vlan" && kind !== "veth")
    ) {
      throw taken(
        t("{{name}} cannot be a bridge's port: only a NIC, bond or VLAN can", { name: port }),
        field,
      );
    }
    const master = masterOf(ctx, port);
    if (master === bridge) continue;
    if (master) {
      throw taken(t("{{name}} is already a port of {{master}}", { name: port, master }), field);
    }
    if (isAddressed(ctx)(port)) throw movesAddresses(port, bridge, field);
    await checkNotElsewhere(ctx, port, field);
  }
}
