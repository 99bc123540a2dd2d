// What each request needs, as the auth guard reads it from the real app's route declarations
// (routes/declare.ts, access), and whether a role meets it.

import { mayPower, meets } from "../../lib/auth/permissions.ts";
import type { Identity } from "../../shared/auth.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { needOf as needIn } from "../route_table.ts";
import { appRouteTable } from "../../tests/harness/test_app.ts";

const VM_A = "11111111-2222-3333-4444-555555555555";
const VM_B = "66666666-7777-8888-9999-000000000000";

const table = await appRouteTable();
const needOf = (method: string, path: string) => needIn(table, method, path);

Deno.test("the route table: public, reads, VM power for operators, admin for the rest", () => {
  assertEquals(needOf("GET", "/login").kind, "public");
  assertEquals(needOf("GET", "/static/app.css").kind, "public");
  assertEquals(needOf("POST", "/api/auth/login").kind, "public");
  assertEquals(needOf("GET", "/api/auth/me").kind, "signed-in");
  assertEquals(needOf("GET", "/api/vms").kind, "read");
  assertEquals(needOf("GET", "/").kind, "read");
  assertEquals(needOf("POST", `/api/vms/${VM_A}/start`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("POST", `/api/vms/${VM_A}/console-ticket`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("GET", `/api/vms/${VM_A}/vnc`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("POST", `/api/vms/${VM_A}/clone`).kind, "admin");
  assertEquals(needOf("DELETE", `/api/vms/${VM_A}`).kind, "admin");
  assertEquals(needOf("GET", `/api/vms/${VM_A}/guest/file`).kind, "admin");
  assertEquals(needOf("GET", `/api/vms/${VM_A}/xml`).kind, "admin");
  assertEquals(needOf("GET", "/api/pools/default/volumes/a.qcow2/content").kind, "admin");
  assertEquals(needOf("GET", "/api/tokens").kind, "admin");
  assertEquals(needOf("GET", "/agent/kvmm-agent.js").kind, "admin");
  assertEquals(needOf("PUT", "/api/settings/metrics").kind, "admin");
  const viewer: Identity = { user: "v", role: "viewer", vms: "*", via: "session" };
  const operator: Identity = { user: "o", role: "operator", vms: [VM_A], via: "session" };
  assert(meets(viewer, { kind: "read" }));
  assert(!meets(viewer, { kind: "vm", vm: VM_A }));
  assert(!meets(operator, { kind: "admin" }));
  assert(mayPower(operator, VM_A) && !mayPower(operator, VM_B) && !mayPower(viewer, VM_A));
});
