import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { b64, callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

/** A temp tree: allowed/ (the allowed dir, max_file_bytes 1024) beside outside/secret.txt. */
async function withTree(
  fn: (t: { root: string; allowed: string; secret: string }) => Promise<void>,
) {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "kvmm-files-" }));
  const allowed = `${root}/allowed`;
  const secret = `${root}/outside/secret.txt`;
  await Deno.mkdir(allowed);
  await Deno.mkdir(`${root}/outside`);
  await Deno.writeTextFile(secret, "top secret");
  try {
    await fn({ root, allowed, secret });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const config = (allowed: string) => testConfig({ allowed_dirs: [allowed], max_file_bytes: 1024 });

Deno.test("file_read - reads a file inside an allowed dir as base64", async () => {
  await withTree(async ({ allowed }) => {
    await Deno.writeTextFile(`${allowed}/a.txt`, "héllo");
    const r = resultOf(await callWith(config(allowed), "file_read", { path: `${allowed}/a.txt` }));
    assertEquals(r, { path: `${allowed}/a.txt`, size_bytes: 6, content: b64("h\xc3\xa9llo") });
    // "." and "//" are harmless and normalised; a symlink that stays inside is followed.
    await Deno.symlink(`${allowed}/a.txt`, `${allowed}/alias`);
    for (const path of [`${allowed}/./a.txt`, `${allowed}//a.txt`, `${allowed}/alias`]) {
      assertEquals(resultOf(await callWith(config(allowed), "file_read", { path })).size_bytes, 6);
    }
  });
});

Deno.test("file_read - /etc/shadow and /etc/passwd are refused", async () => {
  await withTree(async ({ allowed }) => {
    for (const path of ["/etc/shadow", "/etc/passwd", "/proc/self/environ"]) {
      const e = errorOf(await callWith(config(allowed), "file_read", { path }), "PATH_NOT_ALLOWED");
      assertMatch(e.message, /is outside the agent's allowed_dirs/);
      assertEquals(e.code, -32001);
    }
  });
});

Deno.test("file_read - '..' is refused before any lookup, relative paths too", async () => {
  await withTree(async ({ allowed }) => {
    const cases: [string, RegExp][] = [
      ["allowed/../../etc/passwd", /is not absolute/],
      [`${allowed}/../../etc/passwd`, /contains a '\.\.' segment/],
      [`${allowed}/..`, /contains a '\.\.' segment/],
      [`${allowed}/a\0b`, /contains a NUL byte/],
      ["", /is empty/],
    ];
    for (const [path, re] of cases) {
      const e = errorOf(await callWith(config(allowed), "file_read", { path }), "PATH_NOT_ALLOWED");
      assertMatch(e.message, re);
    }
  });
});

Deno.test("file_read - a symlink out of the allowed dir is refused", async () => {
  await withTree(async ({ allowed, secret }) => {
    await Deno.symlink("/etc", `${allowed}/etc`);
    await Deno.symlink(secret, `${allowed}/secret-link`);
    for (
      const path of [
        `${allowed}/etc/passwd`,
        `${allowed}/etc/shadow`,
        `${allowed}/secret-link`,
        // Missing behind the link: the same refusal, so existence out there cannot be probed.
        `${allowed}/etc/no-such-file`,
        `${allowed}/etc/no-such-dir/file`,
      ]
    ) {
      const e = errorOf(await callWith(config(allowed), "file_read", { path }), "PATH_NOT_ALLOWED");
      assertMatch(e.message, /resolves to .*, outside the agent's allowed_dirs/);
      assert(!e.message.includes("top secret"));
    }
  });
});

Deno.test("file_read - missing, directory, FIFO and oversized files", async () => {
  await withTree(async ({ allowed }) => {
    const c = config(allowed);
    const missing = errorOf(
      await callWith(c, "file_read", { path: `${allowed}/nope` }),
      "FILE_NOT_FOUND",
    );
    assertMatch(missing.message, /does not exist/);

    await Deno.mkdir(`${allowed}/dir`);
    assertMatch(
      errorOf(await callWith(c, "file_read", { path: `${allowed}/dir` }), "IO_ERROR").message,
      /is a directory/,
    );
    assertMatch(
      errorOf(await callWith(c, "file_read", { path: allowed }), "IO_ERROR").message,
      /is a directory/,
    );

    // A FIFO would block a read for ever.
    await new Deno.Command("mkfifo", { args: [`${allowed}/fifo`] }).output();
    assertMatch(
      errorOf(await callWith(c, "file_read", { path: `${allowed}/fifo` }), "IO_ERROR").message,
      /not a regular file/,
    );

    await Deno.writeFile(`${allowed}/big`, new Uint8Array(1025));
    const big = errorOf(
      await callWith(c, "file_read", { path: `${allowed}/big` }),
      "FILE_TOO_LARGE",
    );
    assertMatch(big.message, /is 1025 bytes; the agent's max_file_bytes is 1024/);
    await Deno.writeFile(`${allowed}/exact`, new Uint8Array(1024));
    assertEquals(
      resultOf(await callWith(c, "file_read", { path: `${allowed}/exact` })).size_bytes,
      1024,
    );
  });
});

Deno.test("file_read - bad params are named", async () => {
  await withTree(async ({ allowed }) => {
    const c = config(allowed);
    assertMatch(
      errorOf(await callWith(c, "file_read", {}), "INVALID_PARAMS").message,
      /params\.path must be a string/,
    );
    assertMatch(
      errorOf(await callWith(c, "file_read", { path: 5 }), "INVALID_PARAMS").message,
      /params\.path/,
    );
    assertMatch(
      errorOf(await callWith(c, "file_read", { path: `${allowed}/a`, offset: 1 }), "INVALID_PARAMS")
        .message,
      /unknown parameter "offset"/,
    );
  });
});

Deno.test("file_write - creates with the given mode, replaces keeping the mode", async () => {
  await withTree(async ({ allowed }) => {
    const c = config(allowed);
    const path = `${allowed}/new.txt`;
    const r = resultOf(
      await callWith(c, "file_write", { path, content: b64("hello"), mode: 0o600 }),
    );
    assertEquals(r, { path, bytes_written: 5 });
    assertEquals(await Deno.readTextFile(path), "hello");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);

    await Deno.chmod(path, 0o640);
    resultOf(await callWith(c, "file_write", { path, content: b64("again"), mode: 0o666 }));
    assertEquals(await Deno.readTextFile(path), "again");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o640);

    // The default mode, an empty file, and no temp file left behind.
    resultOf(await callWith(c, "file_write", { path: `${allowed}/empty`, content: "" }));
    assertEquals((await Deno.stat(`${allowed}/empty`)).mode! & 0o777, 0o644);
    const names = [];
    for await (const e of Deno.readDir(allowed)) names.push(e.name);
    assertEquals(names.sort(), ["empty", "new.txt"]);
  });
});

Deno.test("file_write - through a symlink, or into a symlinked dir, is refused", async () => {
  await withTree(async ({ root, allowed, secret }) => {
    const c = config(allowed);
    await Deno.symlink(secret, `${allowed}/link.txt`);
    const e = errorOf(
      await callWith(c, "file_write", { path: `${allowed}/link.txt`, content: b64("pwned") }),
      "PATH_NOT_ALLOWED",
    );
    assertMatch(e.message, /is a symbolic link; the agent does not write through links/);
    assertEquals(await Deno.readTextFile(secret), "top secret");
    assert((await Deno.lstat(`${allowed}/link.txt`)).isSymlink);

    await Deno.symlink(`${root}/outside`, `${allowed}/out`);
    const e2 = errorOf(
      await callWith(c, "file_write", { path: `${allowed}/out/new`, content: b64("x") }),
      "PATH_NOT_ALLOWED",
    );
    assertMatch(e2.message, /outside the agent's allowed_dirs/);
    await Deno.stat(`${root}/outside/new`).then(() => assert(false, "written outside"), () => {});

    for (const path of ["/etc/kvmm-agent-test", `${allowed}/../outside/x`, "relative.txt"]) {
      errorOf(await callWith(c, "file_write", { path, content: b64("x") }), "PATH_NOT_ALLOWED");
    }
  });
});

Deno.test("file_write - size cap, base64, missing parent, directory target", async () => {
  await withTree(async ({ allowed }) => {
    const c = config(allowed);
    const big = btoa(String.fromCharCode(...new Uint8Array(1025)));
    const e = errorOf(
      await callWith(c, "file_write", { path: `${allowed}/big`, content: big }),
      "FILE_TOO_LARGE",
    );
    assertMatch(e.message, /is 1025 bytes; the agent's max_file_bytes is 1024/);
    assertMatch(
      errorOf(
        await callWith(c, "file_write", { path: `${allowed}/x`, content: "not base64!" }),
        "INVALID_PARAMS",
      ).message,
      /params\.content must be standard base64/,
    );
    assertMatch(
      errorOf(
        await callWith(c, "file_write", { path: `${allowed}/x`, content: b64("x"), mode: 0o4755 }),
        "INVALID_PARAMS",
      ).message,
      /params\.mode must be an integer from 0 to 511/,
    );
    assertMatch(
      errorOf(
        await callWith(c, "file_write", { path: `${allowed}/no/such/x`, content: b64("x") }),
        "FILE_NOT_FOUND",
      ).message,
      /directory .* does not exist/,
    );
    await Deno.mkdir(`${allowed}/dir`);
    assertMatch(
      errorOf(
        await callWith(c, "file_write", { path: `${allowed}/dir`, content: b64("x") }),
        "IO_ERROR",
      ).message,
      /is a directory/,
    );
    assertMatch(
      errorOf(await callWith(c, "file_write", { path: allowed, content: b64("x") }), "IO_ERROR")
        .message,
      /is a directory/,
    );
  });
});

Deno.test("files - an allowed dir that is itself a symlink works by either name", async () => {
  await withTree(async ({ root, allowed }) => {
    await Deno.symlink(allowed, `${root}/via-link`);
    const c = testConfig({ allowed_dirs: [`${root}/via-link`] });
    resultOf(await callWith(c, "file_write", { path: `${root}/via-link/f`, content: b64("1") }));
    assertEquals(
      resultOf(await callWith(c, "file_read", { path: `${allowed}/f` })).content,
      b64("1"),
    );
  });
});

Deno.test("files - a file of the default max_file_bytes (8 MiB) round-trips", async () => {
  await withTree(async ({ allowed }) => {
    const c = testConfig({ allowed_dirs: [allowed] });
    const bytes = new Uint8Array(c.max_file_bytes).map((_, i) => i % 251);
    const path = `${allowed}/big.bin`;
    const content = bytes.toBase64();
    assertEquals(
      resultOf(await callWith(c, "file_write", { path, content })).bytes_written,
      bytes.length,
    );
    const read = resultOf(await callWith(c, "file_read", { path }));
    assertEquals([read.size_bytes, read.content === content], [bytes.length, true]);
  });
});

Deno.test("files - the host's policy narrows the allowed dirs, never widens them", async () => {
  await withTree(async ({ root, allowed, secret }) => {
    const c = config(allowed);
    await Deno.mkdir(`${allowed}/shared`);
    await Deno.writeTextFile(`${allowed}/shared/a.txt`, "shared");
    await Deno.writeTextFile(`${allowed}/private.txt`, "private");
    const policy = { allowed_dirs: [`${allowed}/shared`] };
    const read = (path: string, p: unknown = policy) =>
      callWith(c, "file_read", { path, policy: p });
    const write = (path: string, p: unknown = policy) =>
      callWith(c, "file_write", { path, content: b64("x"), policy: p });

    assertEquals(resultOf(await read(`${allowed}/shared/a.txt`)).content, b64("shared"));
    assertEquals(resultOf(await write(`${allowed}/shared/b.txt`)).bytes_written, 1);

    // Inside the agent's dir, outside the host's: refused without touching the file.
    for (const call of [read(`${allowed}/private.txt`), write(`${allowed}/new.txt`)]) {
      const e = errorOf(await call, "PATH_NOT_ALLOWED");
      assertEquals(
        e.message.replace(/^"[^"]*" /, ""),
        `is outside the host policy's allowed directories (${allowed}/shared)`,
      );
    }
    await Deno.stat(`${allowed}/new.txt`).then(() => assert(false, "written"), () => {});

    // A link inside the host's dir to elsewhere in the agent's dir is refused, both ways.
    await Deno.symlink(`${allowed}/private.txt`, `${allowed}/shared/to-private`);
    await Deno.symlink(allowed, `${allowed}/shared/up`);
    assertMatch(
      errorOf(await read(`${allowed}/shared/to-private`), "PATH_NOT_ALLOWED").message,
      /resolves to .*private\.txt", outside the host policy's allowed directories$/,
    );
    assertMatch(
      errorOf(await write(`${allowed}/shared/up/evil`), "PATH_NOT_ALLOWED").message,
      /outside the host policy's allowed directories$/,
    );
    assertEquals(await Deno.readTextFile(`${allowed}/private.txt`), "private");

    // The host cannot widen: its dir outside the agent's is still refused, by the agent's words.
    const wide = { allowed_dirs: [`${root}/outside`] };
    assertMatch(
      errorOf(await read(secret, wide), "PATH_NOT_ALLOWED").message,
      /is outside the agent's allowed_dirs/,
    );
    // An empty host list allows no file at all.
    assertMatch(
      errorOf(await read(`${allowed}/shared/a.txt`, { allowed_dirs: [] }), "PATH_NOT_ALLOWED")
        .message,
      /outside the host policy's allowed directories \(none\)/,
    );
    // A policy without allowed_dirs leaves the agent's alone.
    assertEquals(
      resultOf(await read(`${allowed}/private.txt`, { denied_commands: ["rm"] })).content,
      b64("private"),
    );
  });
});

Deno.test("files - a malformed host policy is INVALID_PARAMS", async () => {
  await withTree(async ({ allowed }) => {
    const c = config(allowed);
    const path = `${allowed}/a`;
    assertMatch(
      errorOf(
        await callWith(c, "file_read", { path, policy: { allowed_dirs: ["rel"] } }),
        "INVALID_PARAMS",
      )
        .message,
      /params\.policy\.allowed_dirs\[0\]: "rel" is not absolute/,
    );
    assertMatch(
      errorOf(
        await callWith(c, "file_write", { path, content: "", policy: { allowed_dirs: ["/"] } }),
        "INVALID_PARAMS",
      ).message,
      /params\.policy\.allowed_dirs\[0\]: "\/" would expose every file/,
    );
    assertMatch(
      errorOf(await callWith(c, "file_read", { path, policy: { dirs: [] } }), "INVALID_PARAMS")
        .message,
      /unknown parameter "policy\.dirs"/,
    );
  });
});
