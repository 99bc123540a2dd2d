// Pages while libvirtd does not answer: a stub kvm service whose reads can be frozen (held until
// thawed, as a SIGSTOPped libvirtd holds its calls) and the PageData cache on its own.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { AppError } from "../lib/errors.ts";
import type { HostInfo } from "../shared/host.ts";
import type { PoolInfo } from "../shared/storage.ts";
import type { Vm, VmSummary } from "../shared/vms.ts";
import { PageData, readNow } from "./page_data.ts";
import {
  HOST_CHECK_OK,
  SAMPLE_HOST,
  samplePool,
  sampleVm,
  stubPageContext,
} from "../tests/harness/page_fixtures.ts";
import { pageRoutes } from "./pages.tsx";

const HOST = { ...SAMPLE_HOST, activeVms: 1, totalVms: 2 } satisfies HostInfo;

const VMS: VmSummary[] = [
  { id: "00000000-0000-0000-0000-000000000001", name: "web", state: "running" },
  { id: "00000000-0000-0000-0000-000000000002", name: "db", state: "stopped" },
].map((v) => ({ ...v, state: v.state as Vm["state"], cpuCount: 1, memoryMb: 512 }));

const fullVm = (s: VmSummary) =>
  sampleVm({
    ...s,
    maxMemoryMb: 512,
    diskSizeGb: 0,
    autostart: false,
    machine: "pc",
    networkInterfaces: [],
    disks: [],
    graphics: [],
  });

/** A kvm service whose reads, while frozen, wait until `thaw()` (or forever). */
function freezable() {
  let frozen = false;
  const held: (() => void)[] = [];
  const calls = { listVms: 0 };
  const answer = <T>(value: () => T): Promise<T> =>
    frozen
      ? new Promise<T>((resolve, reject) =>
        held.push(() => {
          try {
            resolve(value());
          } catch (err) {
            reject(err);
          }
        })
      )
      : Promise.resolve().then(value);
  const kvm = {
    listVms: () => {
      calls.listVms++;
      return answer(() => VMS);
    },
    hostInfo: () => answer(() => HOST),
    hostCheck: () => answer(() => HOST_CHECK_OK),
    getVm: (id: string) =>
      answer(() => {
        const found = VMS.find((v) => v.id === id);
        if (!found) throw new AppError("VM_NOT_FOUND", `VM not found: ${id}`);
        return fullVm(found);
      }),
  };
  const ctx = stubPageContext({ kvm, pools: { list: () => answer(() => POOLS) } });
  return {
    ctx,
    calls,
    freeze: () => frozen = true,
    thaw() {
      frozen = false;
      for (const release of held.splice(0)) release();
    },
  };
}

/** GET `path`; fails when no answer comes within `ms` (the old pages waited on libvirt). */
async function timedGet(routes: ReturnType<typeof pageRoutes>, path: string, ms = 1000) {
  const asked = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`GET ${path}: no answer within ${ms} ms`)), ms);
  });
  try {
    const res = await Promise.race([routes.request(`http://localhost${path}`), late]);
    return { status: res.status, html: await res.text(), took: Date.now() - asked };
  } finally {
    clearTimeout(timer);
  }
}

const POOLS: PoolInfo[] = [samplePool()];

const WEB = `/vms/${VMS[0].id}`;

Deno.test("page data - with libvirtd frozen, /, /vms and a VM page answer within 1 s from what was known, with the notice", async () => {
  const stub = freezable();
  const routes = pageRoutes(stub.ctx);
  try {
    for (const path of ["/", "/vms", WEB]) {
      const fresh = await timedGet(routes, path);
      assertEquals(fresh.status, 200, path);
      assert(!fresh.html.includes('id="stale-notice"'), `${path}: no notice while answered`);
    }
    stub.freeze();
    const took: number[] = [];
    for (const path of ["/", "/vms", WEB]) {
      const page = await timedGet(routes, path);
      took.push(page.took);
      assertEquals(page.status, 200, path);
      assertMatch(
        page.html,
        /id="stale-notice">libvirtd is not answering; showing what was known at <time datetime="[^"]+">\d\d:\d\d:\d\d<\/time>\. This page renews itself/,
      );
      assertMatch(page.html, /src="\/static\/build\/stale.js"/);
    }
    const [dash, list, details] = await Promise.all(
      ["/", "/vms", WEB].map((p) => timedGet(routes, p)),
    );
    assertMatch(dash.html, /kvm-host-1/);
    // The pools as known before the freeze: their read is bounded like the host's.
    assertMatch(
      dash.html,
      /data-row="default"[^>]*><span class="dash-name"><a href="\/storage\/default">/,
    );
    assertMatch(
      dash.html,
      /href="\/vms\?state=running"[^>]*>.*?Running<\/span><span class="count">1</,
    );
    assertMatch(list.html, />web<\/a>/);
    assertMatch(list.html, />db<\/a>/);
    assertMatch(details.html, /<title>web · KVM Manager<\/title>/);
    // The frozen reads are shared: pages asked during the freeze started no further calls.
    assertEquals(stub.calls.listVms, 3, "two before the freeze and one held by it");
    console.log(`  answered in ${took.join(", ")} ms while libvirtd did not answer`);

    stub.thaw();
    for (const path of ["/", "/vms", WEB]) {
      const page = await timedGet(routes, path);
      assert(!page.html.includes('id="stale-notice"'), `${path}: fresh again after the thaw`);
    }
  } finally {
    stub.thaw();
  }
});

Deno.test("page data - with nothing known yet, a frozen libvirtd gives the page's shell with the notice, not a wait", async () => {
  const stub = freezable();
  const routes = pageRoutes(stub.ctx, new PageData({ waitMs: 100, firstWaitMs: 300 }));
  stub.freeze();
  try {
    const list = await timedGet(routes, "/vms");
    assertEquals(list.status, 200);
    assertMatch(list.html, /<h1>Virtual machines<\/h1>/);
    assertMatch(list.html, /libvirtd is not answering; nothing is known from it yet/);
    assertMatch(list.html, /<p class="notice notice-error">libvirtd is not answering<\/p>/);
    const dash = await timedGet(routes, "/");
    assertEquals(dash.status, 200);
    assertMatch(dash.html, /<h1>Dashboard<\/h1>/);
    const details = await timedGet(routes, WEB);
    assertEquals(details.status, 503);
    assertMatch(details.html, /id="stale-notice"/);
  } finally {
    stub.thaw();
  }
  const list = await timedGet(routes, "/vms");
  assertMatch(list.html, />web<\/a>/);
  assert(!list.html.includes('id="stale-notice"'));
});

Deno.test("page data - a read late for the page still fills the cache; a 404 forgets; bugs are thrown", async () => {
  let now = 1_000;
  const data = new PageData({ waitMs: 20, firstWaitMs: 20, now: () => now });
  let release = () => {};
  const slow = new Promise<string>((r) => release = () => r("late answer"));
  const first = await data.read("k", () => slow);
  assertEquals(first.value, null);
  assertEquals(first.error?.code, "LIBVIRT_NOT_ANSWERING");
  now = 2_000;
  release();
  await new Promise((r) => setTimeout(r, 0));
  const cached = await data.read("k", () => new Promise<string>(() => {}));
  assertEquals(cached.value, "late answer");
  assertEquals(cached.knownAt, 2_000);

  const down = await data.read(
    "k",
    () => Promise.reject(new AppError("LIBVIRT_UNAVAILABLE", "libvirtd is not running")),
  );
  // Still held by the read that never ends: the same answer from the cache.
  assertEquals(down.value, "late answer");

  const other = new PageData({ waitMs: 20, firstWaitMs: 20 });
  await other.read("vm", () => Promise.resolve("web"));
  const gone = await other.read(
    "vm",
    () => Promise.reject(new AppError("VM_NOT_FOUND", "gone")),
  );
  assertEquals(gone.value, null);
  assertEquals(gone.error?.status, 404);
  const away = await other.read(
    "vm",
    () => Promise.reject(new AppError("LIBVIRT_UNAVAILABLE", "libvirtd is not running")),
  );
  assertEquals(away.value, null, "nothing known after the 404");
  assertEquals(away.knownAt, null);

  let threw = false;
  try {
    await other.read("bug", () => Promise.reject(new TypeError("a bug")));
  } catch (err) {
    threw = err instanceof TypeError;
  }
  assert(threw, "errors other than AppError reach onError");
});

Deno.test("page data - readNow gives the value, or the refusal to say in its place; bugs are thrown", async () => {
  assertEquals(await readNow(() => Promise.resolve(7)), { value: 7, knownAt: null, error: null });
  const refused = await readNow(
    () => Promise.reject(new AppError("NOT_SUPPORTED", "not this host's to change")),
  );
  assertEquals(refused.value, null);
  assertEquals(refused.error?.code, "NOT_SUPPORTED");
  assertEquals(refused.knownAt, null);
  let threw = false;
  try {
    await readNow(() => Promise.reject(new TypeError("a bug")));
  } catch (err) {
    threw = err instanceof TypeError;
  }
  assert(threw, "errors other than AppError reach onError");
});
