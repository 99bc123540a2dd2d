// `kvm-manager vm share NAME HOSTDIR TAG [--read-only]` and `vm unshare NAME TAG`: a VM's shared
// folders (virtiofs) through POST and DELETE /api/vms/:id/filesystems.

import { vmFilesystemPath, vmFilesystemsPath } from "../shared/api_paths.ts";
import type { FilesystemResult } from "../shared/filesystems.ts";
import type { CommandContext } from "./command.ts";
import { EXIT, usageError } from "./errors.ts";
import { out, printJson } from "./output.ts";

export const SHARE_OPTIONS = { "read-only": { type: "boolean" } } as const;

export const SHARE_OWN_FLAGS: Record<string, string[]> = { share: ["read-only"] };

export const SHARE_USAGE =
  `  share NAME HOSTDIR TAG      share a host folder (inside the storage roots) with the VM
                              through virtiofs; the guest runs mount -t virtiofs TAG DIR
    --read-only               the guest cannot change the folder
  unshare NAME TAG            stop sharing that folder`;

/** `vm share` and `vm unshare`, `rest` being the words after the command. */
export async function vmShare(
  ctx: CommandContext,
  sub: "share" | "unshare",
  rest: string[],
): Promise<number> {
  if (sub === "share") {
    if (rest.length !== 3) throw usageError("usage: kvm-manager vm share NAME HOSTDIR TAG");
    const [name, source, tag] = rest;
    const api = await ctx.connect();
    const res = await api.call<FilesystemResult>("POST", vmFilesystemsPath(name), {
      body: { source, tag, readOnly: ctx.values["read-only"] === true },
    });
    if (ctx.json) printJson(res.text);
    else {
      const when = res.body.live ? "now" : "from the VM's next start";
      out(`Shared ${source} with ${name} as ${tag} (${when})\n`);
      if (res.body.sharedMemoryAdded && !res.body.live) {
        out("Shared memory was added to the VM's definition: virtiofs needs it\n");
      }
    }
    return EXIT.OK;
  }
  if (rest.length !== 2) throw usageError("usage: kvm-manager vm unshare NAME TAG");
  const [name, tag] = rest;
  const api = await ctx.connect();
  const res = await api.call<{ live: boolean }>("DELETE", vmFilesystemPath(name, tag));
  if (ctx.json) printJson(res.text);
  else out(`Stopped sharing ${tag} with ${name}${res.body.live ? "" : " (from its next start)"}\n`);
  return EXIT.OK;
}
