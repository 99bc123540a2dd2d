import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { pinPoolFile } from "./pinned_file.ts";

/** A pool folder with one file, and a file outside it, removed afterwards. */
async function withPool(
  fn: (dirs: { pool: string; outside: string }) => Promise<void>,
): Promise<void> {
  const top = await Deno.makeTempDir({ prefix: "kvmm-pin-" });
  try {
    const pool = `${top}/pool`, outside = `${top}/outside`;
    await Deno.mkdir(pool);
    await Deno.mkdir(outside);
    await Deno.writeTextFile(`${pool}/disk.img`, "inside");
    await Deno.writeTextFile(`${outside}/secret`, "outside");
    await fn({ pool, outside });
  } finally {
    await Deno.remove(top, { recursive: true });
  }
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await assertRejects(() => p, AppError);
  assertEquals((err as AppError).code, "DISK_SOURCE_REFUSED");
  return (err as AppError).message;
}

Deno.test("pinned file - a pool's own file is opened; its /proc path reads it", async () => {
  await withPool(async ({ pool }) => {
    await using file = await pinPoolFile({ path: `${pool}/disk.img`, root: pool, write: true });
    assertEquals(file.real, await Deno.realPath(`${pool}/disk.img`));
    assertEquals(file.size, 6);
    assertEquals(await Deno.readTextFile(file.path), "inside");
  });
});

Deno.test("pinned file - a link to a file outside the pool is refused", async () => {
  await withPool(async ({ pool, outside }) => {
    await Deno.symlink(`${outside}/secret`, `${pool}/link.img`);
    const message = await refusal(pinPoolFile({ path: `${pool}/link.img`, root: pool }));
    assert(message.includes("is a link"), message);
  });
});

Deno.test("pinned file - a folder link inside the pool leading out is refused", async () => {
  await withPool(async ({ pool, outside }) => {
    await Deno.symlink(outside, `${pool}/sub`);
    const message = await refusal(pinPoolFile({ path: `${pool}/sub/secret`, root: pool }));
    assert(message.includes("outside the pool's folder"), message);
  });
});

Deno.test("pinned file - a hard link is refused for writing, allowed for reading", async () => {
  await withPool(async ({ pool }) => {
    await Deno.link(`${pool}/disk.img`, `${pool}/twin.img`);
    const message = await refusal(
      pinPoolFile({ path: `${pool}/twin.img`, root: pool, write: true }),
    );
    assert(message.includes("hard links"), message);
    await (await pinPoolFile({ path: `${pool}/twin.img`, root: pool })).close();
  });
});

Deno.test("pinned file - a FIFO and a folder are refused without blocking", async () => {
  await withPool(async ({ pool }) => {
    const fifo = await new Deno.Command("mkfifo", { args: [`${pool}/pipe`] }).output();
    assert(fifo.success);
    assert((await refusal(pinPoolFile({ path: `${pool}/pipe`, root: pool })))
      .includes("not a regular file"));
    await Deno.mkdir(`${pool}/dir`);
    assert((await refusal(pinPoolFile({ path: `${pool}/dir`, root: pool })))
      .includes("not a regular file"));
  });
});

Deno.test("pinned file - a link swapped in after the check does not change what is read", async () => {
  await withPool(async ({ pool, outside }) => {
    await using file = await pinPoolFile({ path: `${pool}/disk.img`, root: pool });
    await Deno.rename(`${pool}/disk.img`, `${pool}/moved.img`);
    await Deno.symlink(`${outside}/secret`, `${pool}/disk.img`);
    assertEquals(await Deno.readTextFile(file.path), "inside");
    // A child process reaches the same file through /proc/PID/fd/N.
    const cat = await new Deno.Command("cat", { args: [file.path], stdout: "piped" }).output();
    assertEquals(new TextDecoder().decode(cat.stdout), "inside");
  });
});

Deno.test("pinned file - a missing file says so", async () => {
  await withPool(async ({ pool }) => {
    assert((await refusal(pinPoolFile({ path: `${pool}/none.img`, root: pool })))
      .includes("does not exist"));
  });
});
