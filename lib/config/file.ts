// The JSON config file: its keys, where it is looked for, and the check that each key is known
// and of the right type. Kept apart from the flags because it has a schema of its own.

import { isAbsolute } from "node:path";
import { type Environment, realEnvironment } from "./environment.ts";
import { ConfigError } from "./values.ts";

/** Read when neither `--config` nor KVMM_CONFIG names a file, and only when it exists. */
export const DEFAULT_CONFIG_FILE = "/etc/kvm-manager/config.json";

/** The config file: camelCase keys mirroring the flags; `tls: false` is `--no-tls`. */
export interface ConfigFile {
  listen?: string;
  connect?: string;
  dataDir?: string;
  storageRoots?: string[];
  statsInterval?: number;
  maxImageGb?: number;
  tlsCert?: string;
  tlsKey?: string;
  tls?: boolean;
  acmeHooks?: string;
  pamService?: string;
  adminGroups?: string[];
  operatorGroups?: string[];
  viewerGroups?: string[];
  sessionIdleMinutes?: number;
  trustedProxies?: string[];
}

type FieldType = "string" | "path" | "strings" | "number" | "boolean";

const FILE_FIELDS: Record<keyof ConfigFile, FieldType> = {
  listen: "string",
  connect: "string",
  dataDir: "path",
  storageRoots: "strings",
  statsInterval: "number",
  maxImageGb: "number",
  tlsCert: "path",
  tlsKey: "path",
  tls: "boolean",
  acmeHooks: "path",
  pamService: "string",
  adminGroups: "strings",
  operatorGroups: "strings",
  viewerGroups: "strings",
  sessionIdleMinutes: "number",
  trustedProxies: "strings",
};

const FIELD_WORDS: Record<FieldType, string> = {
  string: "a string",
  path: "an absolute path",
  strings: "an array of strings",
  number: "a number",
  boolean: "true or false",
};

/**
 * Reads the config file: `named` (from --config or KVMM_CONFIG) must exist; without one,
 * DEFAULT_CONFIG_FILE is read when it exists. Null when there is no file.
 */
export function loadConfigFile(
  named: string | undefined,
  env: Pick<Environment, "exists" | "readText"> = realEnvironment,
): { path: string; values: ConfigFile } | null {
  const path = named ?? (env.exists(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (path === null) return null;
  let text: string;
  try {
    text = env.readText(path);
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${path}: ${(err as Error).message}`);
  }
  return { path, values: parseConfigFile(text, path) };
}

/** Checks a config file's JSON: an object of known keys with the right types. */
export function parseConfigFile(text: string, path: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError(`Config file ${path} must hold a JSON object`);
  }
  for (const [key, value] of Object.entries(json)) {
    const type = FILE_FIELDS[key as keyof ConfigFile];
    if (!Object.hasOwn(FILE_FIELDS, key)) {
      throw new ConfigError(
        `Config file ${path}: unknown key "${key}" (known: ${Object.keys(FILE_FIELDS).join(", ")})`,
      );
    }
    if (!hasType(value, type)) {
      throw new ConfigError(`Config file ${path}: "${key}" must be ${FIELD_WORDS[type]}`);
    }
  }
  return json as ConfigFile;
}

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string" && value !== "";
    case "path":
      return typeof value === "string" && isAbsolute(value);
    case "strings":
      return Array.isArray(value) && value.every((s) => typeof s === "string" && s !== "");
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
  }
}
