// A libvirtd of one test's own (scripts/second-libvirtd.sh with the test's own state folder, port
// and host UUID), for tests that freeze libvirtd on purpose (SIGSTOP): the shared daemon and the
// guests' second daemon are never touched. Its process is named libvirtd-mig, checked before a
// signal is sent to it.

import { assertEquals } from "./assert.ts";

const SCRIPT = new URL("../../scripts/second-libvirtd.sh", import.meta.url).pathname;

export interface PrivateLibvirtd {
  /** Starts it; resolves with its URI (qemu+tcp://127.0.0.1:PORT/system). */
  start(): Promise<string>;
  /** Stops it (its state folder stays; the test removes it when it wants a fresh one). */
  stop(): Promise<void>;
  /** Its pid, checked to be this daemon's libvirtd-mig and nothing else. */
  pid(): Promise<number>;
}

export function privateLibvirtd(
  { base, port, hostUuid }: { base: string; port: number; hostUuid: string },
): PrivateLibvirtd {
  const env = { KVMM_MIG_BASE: base, KVMM_MIG_PORT: String(port), KVMM_MIG_HOST_UUID: hostUuid };
  const script = async (verb: "start" | "stop") => {
    const out = await new Deno.Command("bash", { args: [SCRIPT, verb], env, stdout: "piped" })
      .output();
    if (!out.success) throw new Error(`second-libvirtd.sh ${verb} failed (${base})`);
    return new TextDecoder().decode(out.stdout).trim().split("\n").pop() ?? "";
  };
  return {
    start: () => script("start"),
    stop: async () => void await script("stop"),
    pid: async () => {
      const pid = Number((await Deno.readTextFile(`${base}/run/libvirtd.pid`)).trim());
      assertEquals((await Deno.readTextFile(`/proc/${pid}/comm`)).trim(), "libvirtd-mig");
      return pid;
    },
  };
}
