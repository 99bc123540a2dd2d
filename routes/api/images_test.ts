import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { CatalogItem, ImageLibrary, ImageSettings } from "../../shared/images.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { SHIPPED_CATALOG } from "../../lib/images/catalog.ts";
import { CatalogEntryBody } from "../../lib/images/library.ts";

const OWN = {
  id: "fedora-42-cloud",
  name: "Fedora 42 Cloud",
  kind: "cloud",
  url:
    "https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2",
  checksumUrl:
    "https://download.fedoraproject.org/pub/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-42-1.1-x86_64-CHECKSUM",
  osinfo: "fedora42",
  defaultUser: "fedora",
  minDiskBytes: 5 * 1024 ** 3,
};

Deno.test("images API - the library lists shipped entries with their volume names; mirrors rewrite the URLs a download fetches", async () => {
  await withTestApp(async ({ req, tokenFor, app }) => {
    const listed: ImageLibrary = await (await req("GET", "/api/images")).json();
    assertEquals(listed.images.map((i) => i.id), SHIPPED_CATALOG.map((e) => e.id));
    const debian = listed.images.find((i) => i.id === "debian-13-cloud") as CatalogItem;
    assertEquals(debian.volumeName, "debian-13-genericcloud-amd64.qcow2");
    assertEquals(debian.downloadUrl, debian.url);
    assertEquals(debian.inPools, []);
    assertEquals(debian.custom, false);

    const settings: ImageSettings = {
      allowedSources: ["10.0.0.5"],
      maxDownloadBytes: 8 * 1024 ** 3,
      mirrors: [{ from: "https://cloud.debian.org/", to: "http://10.0.0.5/debian-cloud/" }],
    };
    const put = await req("PUT", "/api/images/settings", settings);
    assertEquals(put.status, 200);
    assertEquals(await put.json(), settings);
    const mirrored: ImageLibrary = await (await req("GET", "/api/images")).json();
    const m = mirrored.images.find((i) => i.id === "debian-13-cloud")!;
    assertEquals(
      m.downloadUrl,
      "http://10.0.0.5/debian-cloud/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2",
    );
    assertEquals(
      m.downloadChecksumUrl,
      "http://10.0.0.5/debian-cloud/images/cloud/trixie/latest/SHA512SUMS",
    );
    assertEquals(
      mirrored.images.find((i) => i.id === "ubuntu-24.04-cloud")!.downloadUrl,
      SHIPPED_CATALOG.find((e) => e.id === "ubuntu-24.04-cloud")!.url,
    );

    // Viewers read the library; only admins change it or its settings.
    const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
    const read = await app.request("http://localhost/api/images", { headers: viewer });
    assertEquals(read.status, 200);
    await read.body?.cancel();
    const settingsRead = await app.request("http://localhost/api/images/settings", {
      headers: viewer,
    });
    assertEquals(settingsRead.status, 403);
    await settingsRead.body?.cancel();
  });
});

Deno.test("images API - own entries: added, listed, a taken id 409, shipped ones not removable, removed", async () => {
  await withTestApp(async ({ req }) => {
    const added = await req("POST", "/api/images/catalog", OWN);
    assertEquals(added.status, 201);
    assertEquals((await added.json()).custom, true);
    const again = await req("POST", "/api/images/catalog", OWN);
    assertEquals([again.status, (await again.json()).code], [409, "ALREADY_EXISTS"]);
    const listed: ImageLibrary = await (await req("GET", "/api/images")).json();
    const own = listed.images.at(-1)!;
    assertEquals([own.id, own.volumeName], [
      OWN.id,
      "Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2",
    ]);

    const shipped = await req("DELETE", "/api/images/catalog/debian-13-cloud");
    const refusal = await shipped.json();
    assertEquals([shipped.status, refusal.code], [409, "IMAGE_SHIPPED"]);
    assert(/add an image of your own instead/.test(refusal.message), refusal.message);
    assertEquals((await req("DELETE", `/api/images/catalog/${OWN.id}`)).status, 204);
    const gone = await req("DELETE", `/api/images/catalog/${OWN.id}`);
    assertEquals([gone.status, (await gone.json()).code], [404, "IMAGE_NOT_FOUND"]);

    for (
      const [body, pattern] of [
        [{ ...OWN, id: "Bad Id" }, /^id: 1-64 lower-case letters/],
        [{ ...OWN, url: "ftp://x/y.img" }, /^url: an http:\/\/ or https:\/\/ URL/],
        [{ ...OWN, checksum: "md5:00" }, /^checksum: "sha256:…" or "sha512:…"/],
        [{ ...OWN, kind: "vm" }, /^kind: "cloud" or "iso"/],
        [{ ...OWN, extra: 1 }, /^Unknown field "extra"/],
      ] as const
    ) {
      const res = await req("POST", "/api/images/catalog", body);
      const err = await res.json();
      assertEquals([res.status, err.code], [400, "INVALID_INPUT"], JSON.stringify(body));
      assert(pattern.test(err.message), err.message);
    }
  });
});

Deno.test("images API - downloads refused at the boundary: url and image both or neither, an unknown image, a loopback address, bad settings", async () => {
  await withTestApp(async ({ req }) => {
    const both = await req("POST", "/api/images/downloads", {
      url: "https://example.org/a.qcow2",
      image: "debian-13-cloud",
      pool: "default",
    });
    assertEquals([both.status, (await both.json()).message], [
      400,
      "Give url or image (a library entry), one of them",
    ]);
    const unknown = await req("POST", "/api/images/downloads", {
      image: "nope",
      pool: "default",
    });
    assertEquals([unknown.status, (await unknown.json()).code], [404, "IMAGE_NOT_FOUND"]);
    const local = await req("POST", "/api/images/downloads", {
      url: "http://127.0.0.1:1/a.qcow2",
      pool: "default",
    });
    const refusal = await local.json();
    assertEquals([local.status, refusal.code], [400, "URL_REFUSED"]);
    assert(/127\.0\.0\.1, a loopback address/.test(refusal.message), refusal.message);
    const scheme = await req("POST", "/api/images/downloads", {
      url: "file:///etc/shadow",
      pool: "default",
    });
    assertEquals([scheme.status, (await scheme.json()).code], [400, "URL_REFUSED"]);

    const bad = await req("PUT", "/api/images/settings", {
      allowedSources: ["10.0.0.5/8"],
      maxDownloadBytes: 1024 ** 3,
    });
    const badBody = await bad.json();
    assertEquals([bad.status, badBody.code], [400, "INVALID_SETTING"]);
    assert(/IPv4 or IPv6 address or network/.test(badBody.message), badBody.message);
  });
});

Deno.test("images API - shipped entries keep the rules an admin's own must; a pattern entry: listed as its pattern, refused when half-given", async () => {
  for (const shipped of SHIPPED_CATALOG) {
    const checked = CatalogEntryBody.safeParse(shipped);
    assert(checked.success, `${shipped.id}: ${checked.error?.issues[0]?.message}`);
  }
  const kinds = new Set(
    SHIPPED_CATALOG.map((e) => `${e.osinfo?.replace(/[\d.]+$/, "")}-${e.kind}`),
  );
  for (
    const os of [
      "debian",
      "ubuntu",
      "fedora",
      "almalinux",
      "rocky",
      "alpinelinux",
      "archlinux",
      "freebsd",
    ]
  ) {
    assert(kinds.has(`${os}-cloud`) && kinds.has(`${os}-iso`), `${os}: a cloud image and an ISO`);
  }
  await withTestApp(async ({ req }) => {
    const own = {
      ...OWN,
      id: "fedora-45-cloud",
      url: "https://download.fedoraproject.org/pub/fedora/linux/releases/45/Cloud/x86_64/images/",
      pattern: "Fedora-Cloud-Base-Generic-45-*.x86_64.qcow2.xz",
      checksumUrl:
        "https://download.fedoraproject.org/pub/fedora/linux/releases/45/Cloud/x86_64/images/Fedora-Cloud-45-*-x86_64-CHECKSUM",
      algorithm: "sha256",
    };
    const added = await req("POST", "/api/images/catalog", own);
    assertEquals(added.status, 201, JSON.stringify(await added.clone().json()));
    const listed: ImageLibrary = await (await req("GET", "/api/images")).json();
    const item = listed.images.find((i) => i.id === own.id)!;
    assertEquals([item.volumeName, item.downloadUrl, item.pattern, item.algorithm], [
      "Fedora-Cloud-Base-Generic-45-*.x86_64.qcow2",
      own.url + own.pattern,
      own.pattern,
      "sha256",
    ]);
    for (
      const [body, pattern] of [
        [{ ...own, id: "a1", url: own.url + "x" }, /^url: with a pattern, the folder's URL/],
        [{ ...own, id: "a2", pattern: "a/b*.iso" }, /^pattern: a file name with \* or \?/],
        [
          { ...own, id: "a3", checksumUrl: null, checksum: `sha256:${"a".repeat(64)}` },
          /^checksum: not with a pattern/,
        ],
        [
          { ...own, id: "a4", checksumUrl: `${own.url}*{file}.sha256` },
          /^checksumUrl: \{file\} or a pattern/,
        ],
        [{ ...own, id: "a5", algorithm: "md5" }, /^algorithm: "sha256" or "sha512"/],
      ] as const
    ) {
      const res = await req("POST", "/api/images/catalog", body);
      const err = await res.json();
      assertEquals([res.status, err.code], [400, "INVALID_INPUT"], JSON.stringify(body));
      assert(pattern.test(err.message), err.message);
    }
  });
});
