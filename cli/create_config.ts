// `vm create`: the VmConfig (shared/types.ts) a command line asks for: a JSON file, a template's
// config or the defaults below, with each given flag laid over it. Pure; the API validates.

import type { OsType, VmConfig } from "../shared/vms.ts";
import { intValue, textValue } from "./args.ts";
import { usageError } from "./errors.ts";
import { jsonObject } from "./read_input.ts";

/** The flags of `vm create`. */
export const CREATE_OPTIONS = {
  name: { type: "string" },
  memory: { type: "string" },
  vcpus: { type: "string" },
  disk: { type: "string" },
  iso: { type: "string" },
  "base-image": { type: "string" },
  network: { type: "string" },
  os: { type: "string" },
  "os-type": { type: "string" },
  pool: { type: "string" },
  "disk-format": { type: "string" },
  firmware: { type: "string" },
  "virt-type": { type: "string" },
  description: { type: "string" },
  start: { type: "boolean" },
  autostart: { type: "boolean" },
  template: { type: "string" },
  "from-json": { type: "string" },
} as const;

/** What a VM gets when neither a file nor a template says otherwise. */
export const CREATE_DEFAULTS: Omit<VmConfig, "name"> = {
  cpuCount: 1,
  memoryMb: 1024,
  diskSizeGb: 10,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
};

/**
 * The OS family of an osinfo short id, for VMs whose type is not given: Windows gets a local
 * clock and Hyper-V enlightenments, the BSDs and others the neutral "other".
 */
export function osTypeOf(variant: string): OsType {
  if (/^win/i.test(variant)) return "windows";
  if (
    /^(freebsd|openbsd|netbsd|dragonfly|solaris|opensolaris|haiku|msdos|freedos)/i.test(variant)
  ) {
    return "other";
  }
  return "linux";
}

/**
 * The body of `POST /api/vms`: `base` (a --from-json object or a template's config; the defaults
 * when null) with the flags in `values` laid over it. `positionalName` is `vm create NAME`.
 */
export function createConfig(
  base: Record<string, unknown> | null,
  values: Record<string, string | boolean | undefined>,
  positionalName?: string,
): Record<string, unknown> {
  const config: Record<string, unknown> = { ...(base ?? CREATE_DEFAULTS) };
  const flagName = textValue(values, "name");
  if (flagName !== undefined && positionalName !== undefined && flagName !== positionalName) {
    throw usageError(`two names given: "${positionalName}" and --name "${flagName}"`);
  }
  const name = flagName ?? positionalName;
  if (name !== undefined) config.name = name;
  if (config.name === undefined || config.name === "") {
    throw usageError("missing NAME: kvm-manager vm create NAME [flags] (or --name NAME)");
  }
  const set = (key: keyof VmConfig, value: unknown) => {
    if (value !== undefined) config[key] = value;
  };
  set("memoryMb", intValue(values, "memory"));
  set("cpuCount", intValue(values, "vcpus"));
  set("diskSizeGb", intValue(values, "disk"));
  set("isoPath", textValue(values, "iso"));
  set("baseImagePath", textValue(values, "base-image"));
  const network = textValue(values, "network");
  set("network", network === "none" ? "" : network);
  const os = textValue(values, "os");
  set("osVariant", os);
  const osType = textValue(values, "os-type");
  if (osType !== undefined) set("osType", osType);
  else if (os) set("osType", osTypeOf(os));
  set("storagePool", textValue(values, "pool"));
  set("diskFormat", textValue(values, "disk-format"));
  set("firmware", textValue(values, "firmware"));
  set("virtType", textValue(values, "virt-type"));
  set("description", textValue(values, "description"));
  if (values.start === true) config.start = true;
  if (values.autostart === true) config.autostart = true;
  return config;
}

/** A --from-json file's text as a config object; anything else is a usage error. */
export function parseConfigJson(text: string, source: string): Record<string, unknown> {
  return jsonObject(text, source, "a VmConfig, see POST /api/vms");
}
