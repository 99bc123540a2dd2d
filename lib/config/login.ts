// The login rules: PAM service, the groups behind each role, the idle timeout and the trusted
// proxies, from flags, environment and file. Kept apart because they are checked as names and
// addresses, unlike the rest of the configuration.

import type { AuthConfig } from "../../shared/auth.ts";
import type { Environment } from "./environment.ts";
import type { ConfigFile } from "./file.ts";
import type { ServeFlags } from "./serve_flags.ts";
import { ConfigError, pick, wholeNumber } from "./values.ts";

export const DEFAULT_AUTH: AuthConfig = {
  pamService: "kvm-manager",
  adminGroups: ["libvirt"],
  operatorGroups: ["kvm-manager-operators"],
  viewerGroups: ["kvm-manager-viewers"],
  sessionIdleMinutes: 30,
  trustedProxies: [],
};

/** The login rules: each from its flag, else (for proxies) KVMM_TRUSTED_PROXY, else the file. */
export function resolveAuth(
  flags: ServeFlags,
  file: ConfigFile,
  inFile: (key: keyof ConfigFile) => string,
  env: Pick<Environment, "get">,
): AuthConfig {
  const groups = (flag: string[] | undefined, key: keyof ConfigFile & `${string}Groups`) => {
    const from = pick<string[]>(
      [flag?.length ? flag : undefined, `--${key.replace("Groups", "")}-group`],
      [file[key], inFile(key)],
    );
    for (const group of from?.value ?? []) checkName(group, from!.what, "group");
    return [...from?.value ?? DEFAULT_AUTH[key]];
  };
  const pam = pick<string>([flags["pam-service"], "--pam-service"], [
    file.pamService,
    inFile("pamService"),
  ]);
  if (pam) checkName(pam.value, pam.what, "PAM service");
  const idle = pick<string>([flags["session-idle"], "--session-idle"], [
    file.sessionIdleMinutes?.toString(),
    inFile("sessionIdleMinutes"),
  ]);
  const proxies = pick<string[]>(
    [flags["trusted-proxy"]?.length ? flags["trusted-proxy"] : undefined, "--trusted-proxy"],
    [env.get("KVMM_TRUSTED_PROXY")?.split(","), "KVMM_TRUSTED_PROXY"],
    [file.trustedProxies, inFile("trustedProxies")],
  );
  return {
    pamService: pam?.value ?? DEFAULT_AUTH.pamService,
    adminGroups: groups(flags["admin-group"], "adminGroups"),
    operatorGroups: groups(flags["operator-group"], "operatorGroups"),
    viewerGroups: groups(flags["viewer-group"], "viewerGroups"),
    sessionIdleMinutes: idle
      ? wholeNumber(idle.value, idle.what, 5, 1440, "minutes")
      : DEFAULT_AUTH.sessionIdleMinutes,
    trustedProxies: proxies ? parseProxies(proxies.value, proxies.what) : [],
  };
}

/**
 * `--trusted-proxy ADDR[,ADDR]` (repeatable): IP addresses, no names or ranges; names would be
 * looked up on each request and ranges trust more than the proxy itself.
 */
export function parseProxies(values: string[], what = "--trusted-proxy"): string[] {
  const addresses = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const a of addresses) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(a) && !/^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/.test(a)) {
      throw new ConfigError(`Invalid ${what} "${a}": expected an IP address`);
    }
    if (a.includes(".") && a.split(".").some((n) => Number(n) > 255)) {
      throw new ConfigError(`Invalid ${what} "${a}": expected an IP address`);
    }
  }
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

/** Group and PAM service names: no spaces, colons, commas or slashes (a PAM service is a file). */
function checkName(name: string, what: string, kind: string) {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?$/.test(name) || name.length > 64) {
    throw new ConfigError(`Invalid ${what} "${name}": not a ${kind} name`);
  }
}
