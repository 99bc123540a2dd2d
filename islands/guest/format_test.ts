import { assertEquals } from "../../tests/support/assert.ts";
import type { GuestAgentState } from "../../shared/guest.ts";
import {
  agentBadge,
  channelLabel,
  downloadName,
  exitLabel,
  formatDuration,
  kernelLabel,
  offsetText,
  osLabel,
  partialOutput,
  splitArgs,
  timeoutMsOf,
  uploadTarget,
  usedPercent,
} from "./format.ts";

const agent = (over: Partial<GuestAgentState>): GuestAgentState => ({
  status: "none",
  qemu: { configured: false, connected: false },
  kvmm: {
    configured: false,
    connected: false,
    version: null,
    policy: null,
    latestVersion: "1.3.0",
    updateAvailable: false,
  },
  reason: null,
  ...over,
});

Deno.test("guest format - the badge names which agents answer", () => {
  assertEquals(agentBadge(agent({})).label, "None");
  assertEquals(agentBadge(agent({ status: "qemu" })).label, "QEMU agent");
  const kvmm = {
    configured: true,
    connected: true,
    version: "0.3.1",
    policy: null,
    latestVersion: "1.3.0",
    updateAvailable: true,
  };
  assertEquals(agentBadge(agent({ status: "kvmm", kvmm })).label, "KVM Manager agent v0.3.1");
  assertEquals(
    agentBadge(agent({ status: "kvmm", kvmm: { ...kvmm, version: null } })).label,
    "KVM Manager agent",
  );
  assertEquals(agentBadge(agent({ status: "both", kvmm })).label, "Both");
});

Deno.test("guest format - a channel is missing, silent or connected", () => {
  assertEquals(channelLabel({ configured: false, connected: false }), "No channel");
  assertEquals(channelLabel({ configured: true, connected: false }, "1.0.0"), "Not answering");
  assertEquals(channelLabel({ configured: true, connected: true }), "Connected");
  assertEquals(channelLabel({ configured: true, connected: true }, "1.0.0"), "Connected, v1.0.0");
});

Deno.test("guest format - OS and kernel labels fall back on what is known", () => {
  const os = {
    id: "debian",
    name: "Debian GNU/Linux",
    version: "12 (bookworm)",
    prettyName: null,
    kernelRelease: "6.1.0-18-amd64",
    machine: "x86_64",
  };
  assertEquals(osLabel(null), null);
  assertEquals(osLabel({ ...os, prettyName: "Debian 12" }), "Debian 12");
  assertEquals(osLabel(os), "Debian GNU/Linux 12 (bookworm)");
  assertEquals(osLabel({ ...os, name: null, version: null }), "debian");
  assertEquals(kernelLabel(os), "6.1.0-18-amd64 (x86_64)");
  assertEquals(kernelLabel({ ...os, machine: null }), "6.1.0-18-amd64");
  assertEquals(kernelLabel({ ...os, kernelRelease: null }), null);
});

Deno.test("guest format - usage percent needs both numbers", () => {
  const fs = {
    mountPoint: "/",
    device: "/dev/vda1",
    fsType: "ext4",
    totalBytes: 1000,
    usedBytes: 255,
    availableBytes: 745,
  };
  assertEquals(usedPercent(fs), 26);
  assertEquals(usedPercent({ ...fs, usedBytes: null }), null);
  assertEquals(usedPercent({ ...fs, totalBytes: 0 }), null);
  assertEquals(usedPercent({ ...fs, usedBytes: 2000 }), 100);
});

Deno.test("guest format - arguments split on any whitespace, no quoting", () => {
  assertEquals(splitArgs(""), []);
  assertEquals(splitArgs("   "), []);
  assertEquals(splitArgs("-l  /srv\t/tmp\n"), ["-l", "/srv", "/tmp"]);
  assertEquals(splitArgs('"a b"'), ['"a', 'b"']);
});

Deno.test("guest format - the timeout field is optional seconds", () => {
  assertEquals(timeoutMsOf(""), undefined);
  assertEquals(timeoutMsOf(" 5 "), 5000);
  assertEquals(timeoutMsOf("0.5"), 500);
  assertEquals(timeoutMsOf("0"), null);
  assertEquals(timeoutMsOf("-3"), null);
  assertEquals(timeoutMsOf("soon"), null);
});

Deno.test("guest format - durations and exits in words", () => {
  assertEquals(formatDuration(12), "12 ms");
  assertEquals(formatDuration(1500), "1.5 s");
  assertEquals(formatDuration(3000), "3 s");
  assertEquals(formatDuration(125_000), "2 min 5 s");
  assertEquals(exitLabel({ exitCode: 0, signal: null }), "Exit code 0");
  assertEquals(exitLabel({ exitCode: null, signal: "SIGKILL" }), "Killed by signal SIGKILL");
  assertEquals(exitLabel({ exitCode: null, signal: null }), "Exit code unknown");
});

Deno.test("guest format - partial output from an error body, nested or flat", () => {
  assertEquals(partialOutput({ code: "BAD_REQUEST", message: "no" }), null);
  assertEquals(
    partialOutput({ code: "COMMAND_TIMEOUT", message: "m", details: { stdout: "a", stderr: "" } }),
    { stdout: "a", stderr: "" },
  );
  assertEquals(
    partialOutput({ code: "OUTPUT_LIMIT", message: "m", stdout: "yyy", limitBytes: 3 }),
    { stdout: "yyy", stderr: "" },
  );
});

Deno.test("guest format - download names and upload targets", () => {
  assertEquals(downloadName('attachment; filename="hosts"', "/etc/hosts"), "hosts");
  assertEquals(downloadName(null, "/srv/files/report.txt"), "report.txt");
  assertEquals(downloadName(null, "/"), "download");
  assertEquals(uploadTarget(" /srv/in/ ", "a.txt"), "/srv/in/a.txt");
  assertEquals(uploadTarget("/srv/in/b.txt", "a.txt"), "/srv/in/b.txt");
});

Deno.test("guest format - the clock's offset in words, ahead or behind", () => {
  assertEquals(
    [offsetText(400), offsetText(-900), offsetText(2100), offsetText(-3_600_000)],
    [
      "in step with the host",
      "in step with the host",
      "2.1 s ahead of the host",
      "60 min behind the host",
    ],
  );
});
