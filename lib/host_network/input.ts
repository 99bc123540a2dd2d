// The bodies the host network API takes, checked at the boundary. Interface names are written
// into the interfaces file and handed to ifreload, so they are held to the kernel's own rule
// (at most 15 bytes) and to characters that cannot start an option or end a line.

import { z } from "zod";
import type { IssueCodes } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import { ADDRESS_METHODS, BOND_MODES } from "../../shared/host_network.ts";

/** A refusal names its field (`{"field": "members"}`), so the page shows it by that field. */
export const HOST_NETWORK_CODES: IssueCodes = { code: "INVALID_INPUT", nameField: true };

/** The rollback time when the caller names none (the issue's default), and its bounds. */
export const DEFAULT_ROLLBACK_SECONDS = 60;
export const MIN_ROLLBACK_SECONDS = 10;
export const MAX_ROLLBACK_SECONDS = 600;

const interfaceName = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, {
    error: () =>
      t(
        "{{what}} must be 1 to 15 letters, digits, '.', '_' or '-', starting with a letter or digit",
        {
          what,
        },
      ),
  });

/** POST /api/host/network/staged/bridge: bridge this NIC for VMs. */
export const BridgeNicBody = z.strictObject({
  nic: interfaceName("nic").meta({ description: "The NIC the bridge is made over, e.g. eno1" }),
  bridge: interfaceName("bridge").meta({ description: "The new bridge's name, e.g. br0" }),
});

/** A bond's members: at least two, and no more than a host has ports for. */
export const MAX_BOND_MEMBERS = 16;
/** The MII monitoring interval's bounds (ms; 0 turns it off) and the value when none is named. */
export const MAX_MIIMON = 10_000;
export const DEFAULT_MIIMON = 100;
/** Addresses one interface may be given at once. */
export const MAX_ADDRESSES = 16;

/** POST /api/host/network/staged/bond: a bond over NICs. */
export const BondBody = z.strictObject({
  name: interfaceName("name").meta({ description: "The new bond's name, e.g. bond0" }),
  members: z.array(interfaceName("members"))
    .min(2, { error: () => t("A bond needs at least 2 members") })
    .max(MAX_BOND_MEMBERS, {
      error: () => t("A bond takes at most {{max}} members", { max: String(MAX_BOND_MEMBERS) }),
    })
    .refine((m) => new Set(m).size === m.length, {
      error: () => t("Each member may be named once"),
    })
    .meta({ description: "The NICs it bonds; their addresses move to the bond" }),
  mode: z.enum(BOND_MODES, {
    error: () => t("mode must be one of {{modes}}", { modes: BOND_MODES.join(", ") }),
  }).meta({ description: "The bonding mode" }),
  miimon: z.number({ error: () => t("miimon must be a whole number of milliseconds") }).int({
    error: () => t("miimon must be a whole number of milliseconds"),
  }).min(0, { error: () => miimonRange() }).max(MAX_MIIMON, { error: () => miimonRange() })
    .optional().meta({
      description: `How often the links are checked, ms (0 is off; default ${DEFAULT_MIIMON})`,
    }),
});

/** The most ports a bridge is given at once here (the kernel allows more; a host has fewer NICs). */
export const MAX_BRIDGE_PORTS = 64;

/** POST /api/host/network/staged/bridge-ports: a bridge's ports changed. */
export const BridgePortsBody = z.strictObject({
  bridge: interfaceName("bridge").meta({ description: "The bridge the file defines, e.g. br0" }),
  ports: z.array(interfaceName("ports"))
    .max(MAX_BRIDGE_PORTS, {
      error: () =>
        t("A bridge takes at most {{max}} ports here", { max: String(MAX_BRIDGE_PORTS) }),
    })
    .refine((p) => new Set(p).size === p.length, {
      error: () => t("Each port may be named once"),
    })
    .meta({ description: "Its ports (NICs, bonds, VLANs); none leaves a bridge of its own" }),
});

/** POST /api/host/network/staged/bond-change: a bond's members, mode and link check changed. */
export const BondChangeBody = z.strictObject({
  name: interfaceName("name").meta({ description: "The bond the file defines, e.g. bond0" }),
  members: BondBody.shape.members,
  mode: BondBody.shape.mode.optional().meta({ description: "The bonding mode (default: kept)" }),
  miimon: BondBody.shape.miimon.meta({
    description: "How often the links are checked, ms (0 is off; default: kept)",
  }),
});

const miimonRange = () => t("miimon must be 0 to {{max}} ms", { max: String(MAX_MIIMON) });

/** POST /api/host/network/staged/vlan: a VLAN interface over a parent. */
export const VlanBody = z.strictObject({
  parent: interfaceName("parent").meta({ description: "The interface it tags on, e.g. bond0" }),
  id: z.number({ error: () => vlanRange() }).int({ error: () => vlanRange() })
    .min(1, { error: () => vlanRange() }).max(4094, { error: () => vlanRange() })
    .meta({ description: "The VLAN id, 1 to 4094" }),
  name: interfaceName("name").optional().meta({
    description: "The interface's name (default PARENT.ID)",
  }),
});

const vlanRange = () => t("id must be a VLAN id from 1 to 4094");

/** One address with its prefix length, IPv4 or IPv6, as written in the interfaces file. */
const cidr = z.union([z.cidrv4(), z.cidrv6()], {
  error: (issue) =>
    t("{{value}} is not an address with a prefix length, like 192.0.2.10/24 or 2001:db8::10/64", {
      value: String(issue.input).slice(0, 64),
    }),
}).refine((a) => !/\/0+$/.test(a), {
  error: () => t("An address needs a prefix length above 0"),
});

const ip = z.union([z.ipv4(), z.ipv6()], {
  error: (issue) =>
    t("{{value}} is not an IP address", { value: String(issue.input).slice(0, 64) }),
});

/** POST /api/host/network/staged/address: an interface's addresses. */
export const AddressBody = z.strictObject({
  interface: interfaceName("interface").meta({ description: "The interface, e.g. br0" }),
  method: z.enum(ADDRESS_METHODS, {
    error: () => t("method must be static, dhcp or none"),
  }).meta({ description: "static (the addresses given), dhcp (IPv4) or none" }),
  addresses: z.array(cidr).max(MAX_ADDRESSES, {
    error: () => t("At most {{max}} addresses", { max: String(MAX_ADDRESSES) }),
  }).optional().meta({ description: "With static: addresses with prefix, IPv4 or IPv6" }),
  gateway: ip.optional().meta({ description: "With static: the default gateway" }),
}).superRefine((body, ctx) => {
  const addresses = body.addresses ?? [];
  const say = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [field], params: { field }, message });
  if (body.method !== "static") {
    if (addresses.length > 0 || body.gateway !== undefined) {
      say("addresses", t("Addresses and a gateway are given only with method static"));
    }
    return;
  }
  if (addresses.length === 0) return say("addresses", t("Give at least one address"));
  if (new Set(addresses).size !== addresses.length) {
    return say("addresses", t("Each address may be given once"));
  }
  const v6 = (a: string) => a.includes(":");
  if (body.gateway !== undefined && !addresses.some((a) => v6(a) === v6(body.gateway!))) {
    say("gateway", t("The gateway needs an address of its family (IPv4 or IPv6)"));
  }
});

/** POST /api/host/network/staged/delete: a bridge, bond or VLAN of the file deleted. */
export const DeleteBody = z.strictObject({
  name: interfaceName("name").meta({ description: "The bridge, bond or VLAN, e.g. bond0" }),
});

/** POST /api/host/network/apply. */
export const ApplyBody = z.strictObject({
  rollbackSeconds: z.number().int().min(MIN_ROLLBACK_SECONDS).max(MAX_ROLLBACK_SECONDS).optional()
    .meta({
      description:
        `Seconds until the change rolls back unless confirmed (default ${DEFAULT_ROLLBACK_SECONDS})`,
    }),
});

/** POST /api/host/network/confirm. */
export const ConfirmBody = z.strictObject({
  id: z.uuid().meta({ description: "The applied change's id, as apply answered it" }),
});
