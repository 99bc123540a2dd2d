// The host check on this machine's real parts: /proc/cpuinfo, /dev/kvm (a tiny guest run through
// its ioctls), libvirtd's capabilities. Whatever this machine has, the verdict must agree with
// those facts read independently here; where KVM cannot run a guest (this test bed: /dev/kvm
// exists, the CPU shows no vmx/svm and guests hang under it), the wizard's review says the VM
// runs in software emulation and why, a VM made with the default gets <domain type='qemu'>, and
// the dashboard's card says what to do. Fails (never skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  ensurePool,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import type { Server } from "../main.ts";
import type { HostCheck } from "../shared/host_check.ts";
import type { CreateOptions } from "../shared/vms.ts";

const PREFIX = "kvmm-test-hcheck-";

Deno.test("qemu host check - the verdict follows the machine's facts; the wizard and the dashboard say it", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  let server: Server | undefined;
  const browser = await openBrowser();
  try {
    server = await startRealServer(dataDir);
    const check = await adminCall<HostCheck>(server, "GET", "/api/host/check");
    assert(check.local, "qemu:///system is this machine");
    const item = (id: string) => check.items.find((i) => i.id === id);

    // The facts, read here without the app.
    const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
    const virtFlags = /^flags\s*:.*\b(vmx|svm)\b/m.test(cpuinfo);
    assertEquals(item("cpu-virt")?.status, virtFlags ? "pass" : "fail");
    const device = await Deno.stat("/dev/kvm").then(() => true, () => false);
    assertEquals(item("kvm-device")?.status, device ? "pass" : "fail");
    const offered = /<domain type='kvm'/.test(await virsh("capabilities"));
    assertEquals(item("kvm-libvirt")?.status, offered ? "pass" : "fail");
    // libvirt 9 has only the iptables backend: its chains are there once a NAT network ran.
    const chains = await new Deno.Command("iptables", { args: ["-w", "-S", "LIBVIRT_FWI"] })
      .output();
    assertEquals(
      [item("firewall")?.status, item("firewall")?.detail],
      [
        "pass",
        chains.success
          ? "iptables: port forwards go into KVM Manager's chains, ahead of libvirt's."
          : "No NAT network has started yet; port forwards follow the backend libvirt uses.",
      ],
    );
    // Debian 12 ships the one libvirtd, no modular daemons.
    assertEquals(
      [item("daemons")?.status, item("daemons")?.detail],
      ["pass", "libvirtd (one daemon for everything)"],
    );
    const ran = item("kvm-run")?.status === "pass";
    assertEquals(check.kvmUsable, virtFlags && device && offered && ran);
    assertEquals(check.kvmReason === null, check.kvmUsable);

    const options = await adminCall<CreateOptions>(server, "GET", "/api/vms/create-options");
    assertEquals(options.kvmAvailable, check.kvmUsable);
    assertEquals(options.kvmReason, check.kvmReason);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);
    await page.goto(`${server.url}/`);
    const card = page.locator(".host-check");
    await card.waitFor();
    const words = await card.textContent() ?? "";
    if (check.kvmUsable) {
      assertMatch(words, /New VMs run with KVM/);
    } else {
      assertMatch(words, /New VMs run in software emulation/);
      const failed = check.items.find((i) => i.status === "fail")!;
      assert(words.includes(failed.fix!), "the card says what to do");
    }

    // The wizard with every default: its review names the emulation and why; the VM gets it.
    const name = `${PREFIX}vm`;
    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", name);
    const next = page.getByRole("button", { name: "Next", exact: true });
    await next.click();
    await page.getByLabel("None (PXE or set up later)").check();
    await next.click();
    await page.selectOption("#wiz-pool", TEST_POOL);
    await page.fill("#wiz-disk-size", "1 GiB");
    await next.click();
    await page.selectOption("#wiz-network", "");
    await next.click();
    await page.getByText("The host accepts this configuration.").waitFor();
    const notice = page.getByTestId("wiz-emulation");
    if (check.kvmUsable) {
      assertEquals(await notice.count(), 0);
    } else {
      assertMatch(
        await notice.textContent() ?? "",
        /This VM will run in software emulation \(slower\): /,
      );
      assert((await notice.textContent())!.includes(check.kvmReason!));
    }
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}/, { timeout: 30_000 });
    const xml = await virsh("dumpxml", "--inactive", name);
    assertMatch(xml, new RegExp(`<domain type='${check.kvmUsable ? "kvm" : "qemu"}'`));
  } finally {
    await browser.close();
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true });
  }
});
