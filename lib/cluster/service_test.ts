// The cluster service with the real crm_mon (Debian's pacemaker-cli-utils, which the test deps
// install) on this host, where no Pacemaker runs; and with stand-in programs for what this host
// cannot show: a crm_mon that hangs, and one that prints a fixture while counting its runs.

import { assert, assertEquals, assertMatch, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { ClusterService } from "./service.ts";

async function script(dir: string, name: string, body: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`);
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test("cluster service - the real crm_mon where Pacemaker does not run says so, in words", async () => {
  const which = await new Deno.Command("sh", { args: ["-c", "command -v crm_mon"] }).output();
  assert(which.success, "crm_mon must be installed (scripts/install-test-deps.sh)");
  const view = await new ClusterService().view();
  assert(!view.present, JSON.stringify(view));
  assertEquals(view.code, "CLUSTER_NOT_RUNNING");
  assertEquals(
    view.reason,
    "Pacemaker does not run on this host: this host is in no cluster, or its cluster stack is stopped.",
  );
});

Deno.test("cluster service - without crm_mon there is no cluster, and why", async () => {
  const view = await new ClusterService({ crmMon: "/nonexistent/crm_mon" }).view();
  assertEquals(
    [view.present, !view.present && view.code],
    [false, "CLUSTER_TOOLS_MISSING"],
  );
});

Deno.test("cluster service - a crm_mon that hangs is killed at the deadline: COMMAND_TIMEOUT", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-cluster-" });
  try {
    const hang = await script(dir, "crm_mon", "exec sleep 30");
    const err = await assertRejects(
      () => new ClusterService({ crmMon: hang, timeoutMs: 300 }).view(),
      AppError,
    );
    // COMMAND_TIMEOUT only for a child ended by a signal (the deadline's): a sleep that ran out
    // would have printed nothing and been CLUSTER_UNREADABLE.
    assertEquals([err.code, err.status], ["COMMAND_TIMEOUT", 504]);
    assertMatch(err.message, /did not answer within/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cluster service - callers at once share one read; a read is kept for maxAgeMs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-cluster-" });
  try {
    const fixture = new URL("./fixtures/three_online.xml", import.meta.url).pathname;
    const runs = `${dir}/runs`;
    const crmMon = await script(dir, "crm_mon", `echo run >> ${runs}; sleep 0.2; cat ${fixture}`);
    const service = new ClusterService({ crmMon, maxAgeMs: 60_000, hostNames: () => ["kvmm-ha3"] });
    const views = await Promise.all([service.view(), service.view(), service.view()]);
    assert(views.every((v) => v === views[0]));
    assert(views[0].present);
    assertEquals(views[0].localNode, "kvmm-ha3");
    await service.view();
    assertEquals((await Deno.readTextFile(runs)).trim().split("\n").length, 1);

    const fresh = new ClusterService({ crmMon, maxAgeMs: 0 });
    await fresh.view();
    await fresh.view();
    assertEquals((await Deno.readTextFile(runs)).trim().split("\n").length, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cluster service - output that is not crm_mon's XML is CLUSTER_UNREADABLE", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-cluster-" });
  try {
    const crmMon = await script(dir, "crm_mon", "echo 'Segmentation fault'; exit 139");
    const err = await assertRejects(() => new ClusterService({ crmMon }).view(), AppError);
    assertEquals([err.code, err.status], ["CLUSTER_UNREADABLE", 502]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const WEB = "11111111-2222-4333-8444-555555555555";
const OTHER = "99999999-2222-4333-8444-555555555555";

Deno.test("cluster service - a VM Pacemaker runs is refused MANAGED_BY_CLUSTER; others pass", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-cluster-" });
  try {
    // three_online.xml has the VirtualDomain resource "bad"; the CIB names its config file.
    const fixture = new URL("./fixtures/three_online.xml", import.meta.url).pathname;
    const crmMon = await script(dir, "crm_mon", `cat ${fixture}`);
    await Deno.writeTextFile(
      `${dir}/web.xml`,
      `<domain type='qemu'><name>web</name><uuid>${WEB}</uuid></domain>`,
    );
    await Deno.writeTextFile(
      `${dir}/cib.xml`,
      `<resources><group id="g"><primitive id="bad" class="ocf" provider="heartbeat" type="VirtualDomain"><instance_attributes id="bad-ia"><nvpair id="bad-cfg" name="config" value="${dir}/web.xml"/></instance_attributes><meta_attributes id="bad-meta"><nvpair id="bad-k" name="kvmm-managed" value="true"/></meta_attributes></primitive></group></resources>`,
    );
    const cibadmin = await script(dir, "cibadmin", `cat ${dir}/cib.xml`);
    const service = new ClusterService({ crmMon, cibadmin });
    const view = await service.view();
    assert(view.present);
    const bad = view.resources.find((r) => r.id === "bad");
    assertEquals([bad?.domain, bad?.domainUuid, bad?.ours], ["web", WEB, true]);

    const err = await assertRejects(
      () => service.refuseManaged(() => Promise.resolve({ name: "web", uuid: WEB })),
      AppError,
    );
    assertEquals([err.code, err.status], ["MANAGED_BY_CLUSTER", 409]);
    assertEquals(
      err.message,
      "web is run by the cluster (Pacemaker resource bad): start, stop and move it through the cluster, not behind Pacemaker's back",
    );
    await service.refuseManaged(() => Promise.resolve({ name: "db", uuid: OTHER }));
    // A copy renamed on this host is the same VM: known by its UUID.
    const renamed = await assertRejects(
      () => service.refuseManaged(() => Promise.resolve({ name: "web2", uuid: WEB.toUpperCase() })),
      AppError,
    );
    assertEquals(renamed.code, "MANAGED_BY_CLUSTER");

    // No cluster: the VM's name is not even asked.
    const none = new ClusterService({ crmMon: "/nonexistent/crm_mon" });
    await none.refuseManaged(() => Promise.reject(new Error("not asked")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cluster service - a config file that is a link, too big or never ends names no VM", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-cluster-" });
  try {
    const { domainIdIn } = await import("./vm_domains.ts");
    await Deno.writeTextFile(`${dir}/ok.xml`, "<domain><name>ok</name></domain>");
    assertEquals(await domainIdIn(`${dir}/ok.xml`), { name: "ok", uuid: null });
    await Deno.symlink(`${dir}/ok.xml`, `${dir}/link.xml`);
    assertEquals(await domainIdIn(`${dir}/link.xml`), null);
    await Deno.writeTextFile(`${dir}/big.xml`, "<domain><name>x</name>" + " ".repeat(2 << 20));
    assertEquals(await domainIdIn(`${dir}/big.xml`), null);
    // A FIFO nobody writes: a read that would never end. The answer comes though no writer ever
    // comes (waiting for one would meet the test's own deadline).
    const fifo = await new Deno.Command("mkfifo", { args: [`${dir}/fifo.xml`] }).output();
    assert(fifo.success);
    assertEquals(await domainIdIn(`${dir}/fifo.xml`, 300), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
