// Probes that HELD (kept as a regression record): who may move disks and share folders, odd
// targets, tags, paths and bodies, and XML edits of a share's <binary>. Each line prints what
// the API answered; the asserts pin the refusals.
//
// Run: node_modules/.bin/deno test -A attack47/probes.attack.ts
import { assert, assertEquals } from "../tests/support/assert.ts";
import { jsonOf, withTestApp } from "../routes/test_app.ts";

Deno.test("probes: disk move and shared folders refuse what they must", async () => {
  const dir = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-atk-probe-" });
  await Deno.mkdir(`${dir}/share`);
  await Deno.mkdir(`${dir}/sp ace`);
  try {
    await withTestApp(async (t) => {
      const as = async (token: string, method: string, path: string, body?: unknown) => {
        const res = await t.app.request(`http://localhost${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text.slice(0, 160) };
      };
      const viewer = t.tokenFor("viewer");
      const operator = t.tokenFor("operator");
      const opWeb = t.tokenFor("operator", ["web"]);
      const fsBody = { source: `${dir}/share`, tag: "x" };
      for (const [who, tok] of [["viewer", viewer], ["operator", operator], ["op(web)", opWeb]]) {
        for (
          const [m, p, b] of [
            ["POST", "/api/vms/web/disks/vda/move", { pool: "default", format: "raw" }],
            ["POST", "/api/vms/web/filesystems", fsBody],
            ["DELETE", "/api/vms/web/filesystems/x", undefined],
            ["GET", "/api/vms/db/filesystems", undefined],
          ] as const
        ) {
          const r = await as(tok, m, p, b);
          console.log(who, m, p, r.status, r.body);
          if (m !== "GET") assertEquals(r.status, 403, `${who} ${m} ${p}`);
          if (m === "GET" && who === "op(web)") assert(r.status === 403 || r.status === 404);
        }
      }
      // Targets and pools with odd characters.
      for (
        const [target, pool] of [
          ["vda'", "default"],
          ["..%2Fvda", "default"],
          ["vda", "../default"],
          ["vda", "default' or '1"],
          ["vda", "x".repeat(256)],
        ]
      ) {
        const r = await jsonOf(t, "POST", `/api/vms/db/disks/${target}/move`, { pool });
        console.log("move", target, pool.slice(0, 20), r.status, r.body.code);
        assert(r.status >= 400 && r.status < 500, `${target} ${pool}`);
      }
      // A huge body is refused before it is read whole.
      const huge = await t.req(
        "POST",
        "/api/vms/db/disks/vda/move",
        JSON.stringify({ pool: "a".repeat(20_000_000) }),
      );
      console.log("huge body", huge.status);
      await huge.body?.cancel();
      assert(huge.status === 413 || huge.status === 400);

      // Shared folder sources and tags.
      for (
        const body of [
          { source: `${dir}/share/`, tag: "trail" }, // trailing slash: cleaned, accepted
          { source: `${dir}//share`, tag: "dbl" },
          { source: `/proc/self/root${dir}/share`, tag: "proc" },
          { source: `${dir}/share/..`, tag: "dots" },
          { source: `${dir}/sp ace`, tag: "space" },
          { source: `${dir}/share\n`, tag: "nl" },
          { source: `${dir}/shаre`, tag: "cyr" }, // Cyrillic a
          { source: `${dir}/${"a".repeat(5000)}`, tag: "long" },
          { source: `${dir}/share`, tag: "a/b" },
          { source: `${dir}/share`, tag: "-o" },
          { source: `${dir}/share`, tag: "ü" },
          { source: `${dir}/share`, tag: "a".repeat(37) },
          { source: `${dir}/share`, tag: "t", readOnly: "yes" },
          { source: `${dir}/share`, tag: "t2", extra: 1 },
        ]
      ) {
        const r = await jsonOf(t, "POST", "/api/vms/db/filesystems", body);
        console.log("share", JSON.stringify(body).slice(0, 70), r.status, r.body.code ?? "");
      }
      const listed = (await jsonOf(t, "GET", "/api/vms/db/filesystems")).body;
      console.log("db shares:", JSON.stringify(listed));
      for (const fs of listed) {
        assert(fs.source.startsWith(dir), `share outside: ${fs.source}`);
        assert(/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fs.tag), fs.tag);
      }
      // XML editor: the share's <binary> pointed elsewhere, a new share, emulator, commandline.
      const xml = await (await t.req("GET", "/api/vms/db/xml")).text();
      const edits: [string, string][] = [
        [
          "binary",
          xml.replace(
            /<filesystem([^]*?)<\/filesystem>/,
            (m) =>
              m.includes("<binary")
                ? m.replace(/<binary path="[^"]*"/, '<binary path="/tmp/evil"')
                : m.replace("<source", '<binary path="/tmp/evil"/><source'),
          ),
        ],
        [
          "new share",
          xml.replace(
            "</devices>",
            "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/><source dir='/'/><target dir='root'/></filesystem></devices>",
          ),
        ],
        [
          "emulator",
          xml.replace(/<emulator>[^<]*<\/emulator>/, "<emulator>/tmp/evil</emulator>")
            .replace(
              "<devices>",
              xml.includes("<emulator>") ? "<devices>" : "<devices><emulator>/tmp/evil</emulator>",
            ),
        ],
        [
          "qemu:commandline",
          xml.replace("<domain ", "<domain xmlns:zz='http://libvirt.org/schemas/domain/qemu/1.0' ")
            .replace("</domain>", "<zz:commandline><zz:arg value='-x'/></zz:commandline></domain>"),
        ],
      ];
      for (const [what, edited] of edits) {
        const r = await jsonOf(t, "PUT", "/api/vms/db/xml", { xml: edited });
        console.log("xml edit", what, r.status, r.body.code, String(r.body.message).slice(0, 100));
        assertEquals(r.status >= 400, true, what);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
