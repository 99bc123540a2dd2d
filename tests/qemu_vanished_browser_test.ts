// The pool page when a volume's file was removed behind libvirt's back (issue 57), on real
// libvirtd: the volumes that are there are listed, a warning names the one that vanished, and
// its Refresh button makes libvirt forget it; at the three widths in both schemes, shots into
// $KVMM_SHOTS when it names a folder. Fails (never skips) without libvirtd.

import { assertEquals } from "./support/assert.ts";
import { atEveryWidth, withSignedInPage } from "./support/browser_helpers.ts";
import { withRealServer } from "./support/real_server.ts";
import { virsh, virshOrNull } from "./support/real_app.ts";

const POOL = "kvmm-test-vanishui-pool";
const DIR = `/var/lib/libvirt/images/${POOL}`;

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
      await atEveryWidth(page, "vanished");
      await notice.getByRole("button", { name: "Refresh the pool" }).click();
      await notice.waitFor({ state: "detached" });
      assertEquals((await virsh("vol-list", POOL)).includes("gone-by-hand.qcow2"), false);
    });
  });
});
