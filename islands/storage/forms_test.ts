// The storage forms' pure parts: what a pool form sends, default volume names, coalesced reloads.

import { assertEquals } from "../../tests/support/assert.ts";
import { coalesce } from "../../components/client/coalesce.ts";
import { poolRequest } from "./NewPoolForm.tsx";
import { volumeNameOf } from "./UploadForm.tsx";
import { cloneName, convertedName } from "./VolumeRowForms.tsx";
import { checksumFields, nameFromUrl } from "./DownloadForm.tsx";

const EMPTY = { path: "", sourceHost: "", sourcePath: "", sourceDevices: "", sourceName: "" };
const FLAGS = { build: true, start: true, autostart: false };

Deno.test("storage forms - a pool request carries only its type's fields", () => {
  const values = {
    path: " /srv/pools/a ",
    sourceHost: "nas",
    sourcePath: "/export",
    sourceDevices: "/dev/sdb, /dev/sdc",
    sourceName: "vg0",
  };
  assertEquals(poolRequest(" a ", "dir", values, FLAGS), {
    name: "a",
    type: "dir",
    path: "/srv/pools/a",
    build: true,
    start: true,
    autostart: false,
  });
  assertEquals(poolRequest("n", "netfs", values, FLAGS), {
    name: "n",
    type: "netfs",
    sourceHost: "nas",
    sourcePath: "/export",
    path: "/srv/pools/a",
    build: true,
    start: true,
    autostart: false,
  });
  assertEquals(poolRequest("l", "logical", values, { ...FLAGS, build: false }), {
    name: "l",
    type: "logical",
    sourceName: "vg0",
    sourceDevices: ["/dev/sdb", "/dev/sdc"],
    build: false,
    start: true,
    autostart: false,
  });
  // iSCSI has nothing to build; an empty optional field is left out.
  assertEquals(
    poolRequest("i", "iscsi", { ...EMPTY, sourceHost: "san", sourceDevices: "iqn.x:y" }, FLAGS),
    {
      name: "i",
      type: "iscsi",
      sourceHost: "san",
      sourceDevices: ["iqn.x:y"],
      start: true,
      autostart: false,
    },
  );
});

Deno.test("storage forms - a file name becomes an acceptable volume name", () => {
  assertEquals(volumeNameOf("debian-12.iso"), "debian-12.iso");
  assertEquals(volumeNameOf("disk image (1).img"), "disk_image__1_.img");
  assertEquals(volumeNameOf(".hidden"), "hidden");
  assertEquals(volumeNameOf("-x..qcow2"), "x.qcow2");
  assertEquals(volumeNameOf("é.raw"), "_.raw");
  assertEquals(volumeNameOf("a".repeat(300)).length, 255);
});

Deno.test("storage forms - a clone keeps the extension", () => {
  assertEquals(cloneName("web.qcow2"), "web-clone.qcow2");
  assertEquals(cloneName("disk"), "disk-clone");
  // A converted copy is named for its format, never as its source.
  assertEquals(convertedName("win.vmdk", "qcow2"), "win.qcow2");
  assertEquals(convertedName("web.qcow2", "qcow2"), "web-converted.qcow2");
  assertEquals(convertedName("disk", "raw"), "disk.raw");
  assertEquals(cloneName(".x"), ".x-clone");
});

Deno.test("storage forms - reloads during a reload cost one more, never a parallel one", async () => {
  let running = 0;
  let most = 0;
  let runs = 0;
  const gates: (() => void)[] = [];
  const reload = coalesce(async () => {
    runs++;
    most = Math.max(most, ++running);
    await new Promise<void>((r) => gates.push(r));
    running--;
  });
  const first = reload();
  const second = reload();
  const third = reload();
  assertEquals(runs, 1);
  gates.shift()!();
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(runs, 2, "the calls made meanwhile ran once more");
  gates.shift()!();
  await Promise.all([first, second, third]);
  assertEquals(most, 1);
  const later = reload();
  assertEquals(runs, 3, "once idle, a call runs at once");
  gates.shift()!();
  await later;
});

Deno.test("storage forms - a download's name from its URL, its checksum field as the API takes it", () => {
  assertEquals(
    nameFromUrl("https://x.org/a/debian-13-genericcloud-amd64.qcow2"),
    "debian-13-genericcloud-amd64.qcow2",
  );
  assertEquals(nameFromUrl("https://x.org/a/disk%20one.raw.xz"), "disk_one.raw");
  assertEquals(nameFromUrl("not a url"), "");
  assertEquals(checksumFields(""), {});
  assertEquals(checksumFields(" sha256:ab "), { checksum: "sha256:ab" });
  assertEquals(checksumFields("https://x.org/SHA256SUMS"), {
    checksumUrl: "https://x.org/SHA256SUMS",
  });
});
