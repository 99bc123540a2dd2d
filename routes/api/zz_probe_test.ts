import { withTestApp } from "../test_app.ts";
const base = { name: "p1", cpuCount: 1, memoryMb: 256, diskSizeGb: 2, osType: "linux", network: "default", diskFormat: "qcow2", bootMenu: false };
Deno.test("probe", async () => {
  await withTestApp(async ({ req, client, events }) => {
    const show = async (label: string, r: Response) => console.log(label, r.status, await r.text());
    await show("opts", await req("GET", "/api/vms/create-options"));
    await show("frac", await req("POST", "/api/vms", { ...base, name: "frac", diskSizeGb: 1.3 }));
    await show("ctl", await req("POST", "/api/vms", { ...base, name: "ctl", description: "a\u0001b" }));
    await show("ci", await req("POST", "/api/vms", { ...base, name: "ci", cloudInit: { user: "dev" } }));
    await show("del db", await req("DELETE", "/api/vms/db"));
    await show("re db", await req("POST", "/api/vms", { ...base, name: "db" }));
    await show("big", await req("POST", "/api/vms/validate", { ...base, name: "big", diskSizeGb: 100 }));
    const [a, b] = await Promise.all([req("POST", "/api/vms", { ...base, name: "race" }), req("POST", "/api/vms", { ...base, name: "race" })]);
    await show("race a", a); await show("race b", b);
    console.log((await client.call("poolVolumes", "default")).map((v) => v.name));
    await show("ok", await req("POST", "/api/vms", { ...base, name: "okvm", osVariant: "debian11", description: "hi" }));
    await show("get", await req("GET", "/api/vms/okvm"));
    console.log(JSON.stringify(events));
  });
});
