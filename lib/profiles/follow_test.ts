import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import type { ProfilePolicy } from "../../shared/profiles.ts";
import { policyAlertRules, PolicyFollowers } from "./follow.ts";

Deno.test("follow - followers hear each change in the order they joined; a throw reaches the caller", () => {
  const followers = new PolicyFollowers();
  const heard: string[] = [];
  followers.changed(["a"]);
  followers.follow((ids) => heard.push(`alerts ${ids}`));
  followers.follow((ids) => heard.push(`jobs ${ids}`));
  followers.changed(["b", "c"]);
  assertEquals(heard, ["alerts b,c", "jobs b,c"]);
  followers.follow(() => {
    throw new Error("store busy");
  });
  assertEquals(assertThrows(() => followers.changed(["d"]), Error).message, "store busy");
});

Deno.test("follow - policy alert rules only for VMs whose policy has some", () => {
  const rule = { name: "cpu", metric: "cpu", above: 90 };
  const rules = policyAlertRules({
    effectiveAll: () =>
      new Map([
        ["a", { alerts: [rule] }],
        ["b", { alerts: [] }],
      ]) as unknown as Map<string, ProfilePolicy>,
  });
  assertEquals([...rules()], [["a", [rule]]]);
});
