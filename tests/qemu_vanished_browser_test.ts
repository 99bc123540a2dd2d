// The pool page when a volume's file was removed behind libvirt's back (issue 57), on real
// libvirtd: the volumes that are there are listed, a warning names the one that vanished, and
// its Refresh button makes libvirt forget it; at the three widths in both schemes, shots into
// $KVMM_SHOTS when it names a folder. Fails (never skips) without libvirtd.

import { assertEquals } from "./support/assert.ts";
import { withSignedInPage } from "./support/browser_helpers.ts";
import { withRealServer } from "./support/real_server.ts";
import { virsh, virshOrNull } from "./support/real_app.ts";

const POOL = "kvmm-test-vanishui-pool";
const DIR = `/var/lib/libvirt/images/${POOL}`;
const SHOTS = Deno.env.get("KVMM_SHOTS");

async function cleanup() {
  await virshOrNull("pool-destroy", POOL);
  await virshOrNull("pool-undefine", POOL);
  await Deno.remove(DIR, { recursive: true }).catch(() => {});
}

Deno.test("vanished volume browser - the pool page names a removed file and Refresh forgets it", async () => {
  await withRealServer({
    cleanup,
    prepare: async () => {
      await virsh("pool-define-as", POOL, "dir", "--target", DIR);
      await virsh("pool-build", POOL);
      await virsh("pool-start", POOL);
      for (const name of ["kept.qcow2", "gone-by-hand.qcow2"]) {
        await virsh("vol-create-as", POOL, name, "16M", "--format", "qcow2");
      }
      await Deno.remove(`${DIR}/gone-by-hand.qcow2`);
    },
  }, async (server) => {
    await withSignedInPage(server, async (page) => {
      await page.goto(`${server.url}/storage/${POOL}`);
      const notice = page.locator("#vanished-volumes");
      await notice.getByText("Removed outside KVM Manager: gone-by-hand.qcow2.").waitFor();
      await page.locator('tr[data-volume="kept.qcow2"]').waitFor();
      assertEquals(await page.locator('tr[data-volume="gone-by-hand.qcow2"]').count(), 0);
      for (const width of [390, 1280, 1920]) {
        for (const scheme of ["light", "dark"] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: scheme });
          const wide = await page.evaluate(() =>
            document.documentElement.scrollWidth - document.documentElement.clientWidth
          );
          assertEquals(wide <= 1, true, `${width} ${scheme}: ${wide} px sideways`);
          if (SHOTS) await page.screenshot({ path: `${SHOTS}/vanished-${width}-${scheme}.png` });
        }
      }
      await notice.getByRole("button", { name: "Refresh the pool" }).click();
      await notice.waitFor({ state: "detached" });
      assertEquals((await virsh("vol-list", POOL)).includes("gone-by-hand.qcow2"), false);
    });
  });
});
