// Where restic may connect, judged before it runs by the rule downloads, webhooks and mail follow
// (lib/outbound/): a repository's host must resolve to public addresses only, unless an admin
// allowed the address or network under Images › Outbound connections. restic runs as root, so a
// location at 127.0.0.1, 169.254.169.254 or the site's LAN would otherwise reach what no user may.
//
// And it connects to the address that was checked, not to what its own lookup says a moment later
// (DNS rebinding):
// - S3 over HTTPS: restic's proxy is a gate of ours (lib/outbound/connect_gate.ts) that checks the
//   host of each tunnel restic asks for (its S3 library turns an Amazon endpoint into a regional
//   "dualstack" name) and tunnels to the address that check gave; TLS still checks the name.
//   Buckets are addressed by path (s3.bucket-lookup=path). Plain HTTP goes to the gate too, which
//   refuses it: restic never reaches a metadata service over HTTP behind our back.
// - S3 over plain HTTP names an address (location.ts refuses names there).
// - SFTP: ssh connects to the checked address, and knows the server's key by the name
//   (HostKeyAlias), so known_hosts stays as it was.

import { AppError } from "../errors.ts";
import { openGate } from "../outbound/connect_gate.ts";
import { checkedHostAddress, type FetchRules } from "../outbound/guarded_fetch.ts";
import type { RepoAccess } from "./repo_access.ts";
import { parseS3Location, sftpParts } from "./location.ts";
import { t } from "../../shared/i18n/t.ts";

/** How one restic run reaches its repository. */
export interface Reach {
  /** Added to restic's environment: its proxy settings (none but the gate's, whatever ours are). */
  env: Record<string, string>;
  /** Added to restic's options (the S3 bucket lookup). */
  options: string[];
  /** The checked address ssh connects to, for an SFTP repository; else null. */
  sshAddress: string | null;
  /** Why the gate refused a tunnel restic asked for (the address rule's AppError), else null. */
  refusal(): AppError | null;
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
  const direct: Reach = {
    env: NO_PROXY,
    options: [],
    sshAddress: null,
    refusal: () => null,
    close() {},
  };
  if (access.kind === "local") return direct;
  if (access.kind === "sftp") {
    const { host } = sftpParts(access.location);
    return { ...direct, sshAddress: await checkedHostAddress(host, rules, signal) };
  }
  const s3 = parseS3Location(access.location);
  if (typeof s3 === "string") throw new AppError("INVALID_INPUT", s3);
  // A record from before both keys were required (input.ts says why they are).
  if (!access.accessKeyId || !access.secretKey) {
    throw new AppError("INVALID_INPUT", t("An S3 repository needs both accessKeyId and secretKey"));
  }
  await checkedHostAddress(s3.host, rules, signal);
  const options = ["-o", "s3.bucket-lookup=path"];
  if (s3.scheme === "http") return { ...direct, options };
  const gate = openGate({
    route: async (target) => {
      const asked = /^(?:\[([^\]]+)\]|([^:\[\]]+)):(\d{1,5})$/.exec(target);
      const port = Number(asked?.[3]);
      if (!asked || port !== s3.port) {
        throw new AppError(
          "URL_REFUSED",
          t("restic asked for {{target}}; only port {{port}} of the repository is reached", {
            target: target.slice(0, 200),
            port: s3.port,
          }),
        );
      }
      return { address: await checkedHostAddress(asked[1] ?? asked[2], rules, signal), port };
    },
  });
  return {
    env: {
      ...NO_PROXY,
      HTTPS_PROXY: gate.proxyUrl,
      https_proxy: gate.proxyUrl,
      HTTP_PROXY: gate.proxyUrl,
      http_proxy: gate.proxyUrl,
    },
    options,
    sshAddress: null,
    refusal: () => {
      const err = gate.refusal();
      return err instanceof AppError ? err : null;
    },
    close: () => gate.close(),
  };
}
