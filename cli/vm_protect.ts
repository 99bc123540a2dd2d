// `kvm-manager vm protect NAME` and `vm unprotect NAME`: a VM's protection from deletion
// (PUT /api/vms/:id/protection); while it is protected, `vm delete` is refused.

import { vmPath } from "../shared/api_paths.ts";
import type { CommandContext } from "./command.ts";
import { EXIT } from "./errors.ts";
import { out, printJson } from "./output.ts";

export const PROTECT_USAGE =
  `  protect NAME                protect it from deletion: delete, also of its disks, is
                              refused until unprotect
  unprotect NAME              remove that protection`;

export async function vmProtect(
  ctx: CommandContext,
  name: string,
  on: boolean,
): Promise<number> {
  const api = await ctx.connect();
  const res = await api.call<{ id: string; name: string; protected: boolean }>(
    "PUT",
    `${vmPath(name)}/protection`,
    { body: { protected: on } },
  );
  if (ctx.json) printJson(res.text);
  else out(on ? `Protected ${res.body.name}\n` : `Removed the protection of ${res.body.name}\n`);
  return EXIT.OK;
}
