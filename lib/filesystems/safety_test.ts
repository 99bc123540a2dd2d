// The checks that keep root's virtiofsd on the folder the admin chose: no folder above it that
// another user could swap, and nothing of libvirt's, a pool's, ours or another share's.

import { assertEquals, assertRejects, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkNotSpecial, checkOwnedByRoot } from "./safety.ts";

Deno.test("virtiofs safety - a folder under one another user owns or may write is refused", async () => {
  const base = await Deno.makeTempDir({ prefix: "kvmm-vfs-safety-" });
  try {
    // Root's own, under /tmp (sticky, and the next folder root's): fine.
    await Deno.mkdir(`${base}/mine/share`, { recursive: true });
    await checkOwnedByRoot(`${base}/mine/share`);
    // A folder above owned by another user: they could swap what is below for a link.
    await Deno.mkdir(`${base}/theirs/share`, { recursive: true });
    await Deno.chown(`${base}/theirs`, 65534, 65534);
    const owned = await assertRejects(() => checkOwnedByRoot(`${base}/theirs/share`), AppError);
    assertEquals(owned.code, "INVALID_SHARED_FOLDER");
    // A folder above that anyone may write, not sticky.
    await Deno.mkdir(`${base}/open/share`, { recursive: true });
    await Deno.chmod(`${base}/open`, 0o777);
    const open = await assertRejects(() => checkOwnedByRoot(`${base}/open/share`), AppError);
    assertEquals(open.message.includes(`${base}/open above it`), true, open.message);
    // Sticky but the next folder another user's: they may rename their own.
    await Deno.mkdir(`${base}/sticky/theirs/share`, { recursive: true });
    await Deno.chmod(`${base}/sticky`, 0o1777);
    await Deno.chown(`${base}/sticky/theirs`, 65534, 65534);
    await assertRejects(() => checkOwnedByRoot(`${base}/sticky/theirs/share`), AppError);
    await Deno.chown(`${base}/sticky/theirs`, 0, 0);
    await checkOwnedByRoot(`${base}/sticky/theirs/share`);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("virtiofs safety - libvirt's state, the data folder, pools and nested shares are refused", () => {
  const places = {
    dataDir: "/srv/kvmm-data",
    poolFolders: ["/var/lib/libvirt/images", "/srv/pools/fast"],
    sharedFolders: ["/srv/media", "/srv/team/docs"],
  };
  const refused = (path: string, words: string) => {
    const err = assertThrows(() => checkNotSpecial(path, places), AppError);
    assertEquals(err.code, "INVALID_SHARED_FOLDER");
    if (!err.message.includes(words)) throw new Error(`${path}: ${err.message}`);
  };
  refused("/var/lib/libvirt/qemu", "keep their own state");
  refused("/var/lib/libvirt/qemu/nvram", "keep their own state");
  refused("/var/lib/libvirt", "keep their own state"); // holds them
  refused("/var/lib/libvirt/swtpm/x", "keep their own state");
  refused("/srv/kvmm-data/ssh", "keep their own state");
  refused("/srv", "keep their own state"); // holds the data folder
  refused("/var/lib/libvirt/images/iso", "storage pool folder");
  refused("/srv/pools", "storage pool folder");
  refused("/srv/media/films", "shared with a VM already");
  refused("/srv/team", "shared with a VM already");
  // The same folder as another VM's share, or a sibling: fine.
  checkNotSpecial("/srv/media", places);
  checkNotSpecial("/srv/team/photos", places);
});
