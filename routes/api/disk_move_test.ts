import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

type Case = [string, unknown, number, string, RegExp];

// The test driver copies no disks (tests/qemu_disk_move_test.ts moves real ones): here the checks
// a move passes before anything is made, each in its code and words.
Deno.test("disk move - refusals before anything is made, in the contract's codes and words", async () => {
  await withTestApp(async ({ req, client }) => {
    const names = async () => (await client.call("poolVolumes", "default")).map((v) => v.name);
    const check = async ([path, body, status, code, words]: Case) => {
      const res = await req("POST", `/api/vms/${path}/move`, body);
      const json = await res.json();
      assertEquals(res.status, status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(json)}`);
      assertEquals(json.code, code, JSON.stringify(json));
      assertMatch(json.message, words);
    };
    const before = (await names()).sort();
    // Past every check, the new volume is made, and removed again when the copy cannot start.
    await check([
      "web/disks/vda",
      { pool: "default", format: "raw" },
      501,
      "NOT_SUPPORTED",
      /^Failed to start copying the disk: .*virDomainBlockCopy/,
    ]);
    assertEquals((await names()).sort(), before, "the new volume was removed again");

    await client.call(
      "poolDefine",
      "<pool type='dir'><name>off</name><target><path>/var/lib/kvmm-testdriver/off</path></target></pool>",
      { build: false, start: false, autostart: false },
    );
    await client.call(
      "volumeCreate",
      "default",
      "<volume><name>web.raw</name><capacity>1048576</capacity><target><format type='raw'/></target></volume>",
    );
    const cases: Case[] = [
      ["db/disks/vda", { pool: "default", format: "vmdk" }, 400, "BAD_REQUEST", /qcow2 or raw/],
      ["db/disks/vda", { pool: "default", bogus: 1 }, 400, "BAD_REQUEST", /Unknown field: bogus/],
      ["db/disks/vda", {}, 400, "BAD_REQUEST", /pool must be a storage pool's name/],
      [
        "db/disks/vda",
        { pool: "default", deleteSource: "yes" },
        400,
        "BAD_REQUEST",
        /true or false/,
      ],
      ["nope/disks/vda", { pool: "default" }, 404, "VM_NOT_FOUND", /^VM not found: nope$/],
      ["db/disks/vdz", { pool: "default" }, 404, "DISK_NOT_FOUND", /^Disk not found: vdz$/],
      ["db/disks/vda", { pool: "nope" }, 404, "POOL_NOT_FOUND", /nope/],
      ["db/disks/vda", { pool: "default" }, 400, "BAD_REQUEST", /in pool default as qcow2 already/],
      ["db/disks/vda", { pool: "off" }, 409, "INVALID_STATE", /^Storage pool off is not active/],
      ["web/disks/vda", { pool: "default", format: "raw" }, 409, "ALREADY_EXISTS", /web\.raw/],
      // A stopped VM's disk is copied by qemu-img on this machine: the test driver's are no files.
      ["db/disks/vda", { pool: "default", format: "raw" }, 409, "NOT_ON_REMOTE_HOST", /local/],
    ];
    for (const c of cases) await check(c);
    assertEquals((await names()).sort(), [...before, "web.raw"].sort(), "no volume made");
  });
});
