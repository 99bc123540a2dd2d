// Where restic may connect, judged before it runs by the rule downloads, webhooks and mail follow
// (lib/outbound/): a repository's host must resolve to public addresses only, unless an admin
// allowed the address or network under Images › Allowed sources. restic runs as root, so a
// location at 127.0.0.1, 169.254.169.254 or the site's LAN would otherwise reach what no user may.
//
// And it connects to the address that was checked, not to what its own lookup says a moment later
// (DNS rebinding):
// - S3 over HTTPS: restic's proxy is a gate of ours (lib/outbound/connect_gate.ts) that tunnels
//   only to the checked address; TLS still checks the name. Buckets are addressed by path
//   (s3.bucket-lookup=path), so every request goes to that one host.
// - S3 over plain HTTP names an address (location.ts refuses names there).
// - SFTP: ssh connects to the checked address, and knows the server's key by the name
//   (HostKeyAlias), so known_hosts stays as it was.

import { AppError } from "../errors.ts";
import { openGate } from "../outbound/connect_gate.ts";
import { checkedHostAddress, type FetchRules } from "../outbound/guarded_fetch.ts";
import type { RepoAccess } from "./command.ts";
import { parseS3Location, sftpParts } from "./location.ts";

/** How one restic run reaches its repository. */
export interface Reach {
  /** Added to restic's environment: its proxy settings (none but the gate's, whatever ours are). */
  env: Record<string, string>;
  /** Added to restic's options (the S3 bucket lookup). */
  options: string[];
  /** The checked address ssh connects to, for an SFTP repository; else null. */
  sshAddress: string | null;
  /** Ends the gate, if any. */
  close(): void;
}

/** Go's proxy variables, emptied: a proxy or NO_PROXY of the server's own must not apply. */
const NO_PROXY: Record<string, string> = {
  HTTP_PROXY: "",
  http_proxy: "",
  HTTPS_PROXY: "",
  https_proxy: "",
  ALL_PROXY: "",
  all_proxy: "",
  NO_PROXY: "",
  no_proxy: "",
};

/** Checks the repository's host and opens the way to it; close() the answer after the run. */
export async function openReach(
  access: RepoAccess,
  rules: FetchRules,
  signal: AbortSignal = new AbortController().signal,
): Promise<Reach> {
  const direct: Reach = { env: NO_PROXY, options: [], sshAddress: null, close() {} };
  if (access.kind === "local") return direct;
  if (access.kind === "sftp") {
    const { host } = sftpParts(access.location);
    return { ...direct, sshAddress: await checkedHostAddress(host, rules, signal) };
  }
  const s3 = parseS3Location(access.location);
  if (typeof s3 === "string") throw new AppError("INVALID_INPUT", s3);
  const address = await checkedHostAddress(s3.host, rules, signal);
  const options = ["-o", "s3.bucket-lookup=path"];
  if (s3.scheme === "http") return { ...direct, options };
  const gate = openGate({
    authority: `${s3.hostInUrl}:${s3.port}`,
    address,
    port: s3.port,
    many: true,
  });
  return {
    env: { ...NO_PROXY, HTTPS_PROXY: gate.proxyUrl, https_proxy: gate.proxyUrl },
    options,
    sshAddress: null,
    close: () => gate.close(),
  };
}
