// The agent's own version, reported by get_agent_info and printed by --version: KVM Manager's
// version (deno.json, the one place it is written), so the server offers an update exactly when
// a guest runs an agent older than the one it carries.

import denoJson from "../deno.json" with { type: "json" };

export const AGENT_VERSION: string = denoJson.version;

/** Orders "1.2.0"-style versions by their numbers: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  // A version a guest reports may be anything: only its first few parts are read.
  const parts = (v: unknown) => String(v).slice(0, 64).split(".", 8).map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}
