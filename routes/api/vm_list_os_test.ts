import { assertEquals } from "../../tests/support/assert.ts";
import { domainWithOs } from "../../tests/support/os_domain.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { SMALL_CONFIG, withTestApp } from "../../tests/harness/test_app.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

async function list(req: Req): Promise<Record<string, string | undefined>> {
  const res = await req("GET", "/api/vms");
  assertEquals(res.status, 200);
  const vms = await res.json() as VmSummary[];
  return Object.fromEntries(vms.map((vm) => [vm.name, vm.os]));
}

/** Lists until `cond` holds for the listed OS ids (the cache fills between lists), or 5 s. */
async function listUntil(req: Req, cond: (os: Record<string, string | undefined>) => boolean) {
  const end = Date.now() + 5000;
  for (;;) {
    const os = await list(req);
    if (cond(os) || Date.now() > end) return os;
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("vm list os - GET /api/vms names each VM's osinfo id once it was read", async () => {
  await withTestApp(async ({ req, client }) => {
    // Made by the wizard (our metadata and libosinfo's), and by virt-install (libosinfo's only).
    const made = await req("POST", "/api/vms", {
      ...SMALL_CONFIG,
      name: "deb",
      osVariant: "debian11",
    });
    assertEquals(made.status, 201, await made.clone().text());
    await client.call(
      "domainDefine",
      domainWithOs("virt-installed", { osinfoId: "http://ubuntu.com/ubuntu/24.04" }),
    );

    const os = await listUntil(req, (os) => !!os.deb && !!os["virt-installed"]);
    assertEquals(os, {
      cache: undefined,
      db: undefined,
      deb: "debian11",
      "virt-installed": "ubuntu24.04",
      web: undefined,
    });
    // Absent, not null, where the VM names no OS.
    const rows = await (await req("GET", "/api/vms")).json() as VmSummary[];
    assertEquals("os" in rows.find((vm) => vm.name === "web")!, false);
  });
});

Deno.test("vm list os - an XML edit changes the VM's OS in the list", async () => {
  await withTestApp(async ({ req, client }) => {
    const { uuid } = await client.call(
      "domainDefine",
      domainWithOs("edited", { variant: "fedora40" }),
    );
    assertEquals((await listUntil(req, (os) => !!os.edited)).edited, "fedora40");

    const res = await req("PUT", `/api/vms/${uuid}/xml`, {
      xml: domainWithOs("edited", { variant: "alpinelinux3.19", uuid }),
    });
    assertEquals(res.status, 200, await res.clone().text());
    const os = await listUntil(req, (os) => os.edited === "alpinelinux3.19");
    assertEquals(os.edited, "alpinelinux3.19");
  });
});
