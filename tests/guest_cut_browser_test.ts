// The Guest card of a hostile guest (tests/support/hostile_agent.ts): the bounded lists, and a
// warning that the guest reported more than is kept (lib/guest/bounds.ts), at the three widths in
// both schemes; shots into $KVMM_SHOTS when it names a folder.

import { atEveryWidth, withDemoServer } from "./support/browser_helpers.ts";
import { hostileAgent } from "./support/hostile_agent.ts";
import { assertEquals } from "./support/assert.ts";

const VM = "6b5a6f1e-0000-4000-8000-000000000001";
/** As many interfaces as fit in an answer the host still reads (1 Mi characters). */
const MANY = 6000;

Deno.test({
  name:
    "guest cut browser - a guest that reports 6,000 interfaces shows the first ones and says so",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "kvmm-test-hostile-" });
    const agent = hostileAgent(`${dir}/agent.sock`, { many: MANY, long: 200_000 });
    try {
      await withDemoServer(async (page, server) => {
        await page.goto(`${server.url}/vms/${VM}`);
        const cut = page.locator("#guest-cut");
        await cut.waitFor({ timeout: 20_000 });
        const words = await cut.textContent();
        assertEquals(
          words?.includes(`The guest reported ${MANY} network interfaces; the first 64 are kept`),
          true,
          words ?? "",
        );
        // No sideways scroll: the warning and the long list wrap in the card.
        await atEveryWidth(page, "guest-cut", () => cut.scrollIntoViewIfNeeded());
      }, [{ name: "guest", runstate: 1, agentSocket: `${dir}/agent.sock` }]);
    } finally {
      agent.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
