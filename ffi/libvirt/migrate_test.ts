import { assertEquals } from "../../tests/support/assert.ts";
import { migrateParams } from "./migrate.ts";
import { encodeTypedParams, readTypedParams, releaseParams } from "./typed_params.ts";

Deno.test("migrate - typed parameters encode as libvirt reads them", () => {
  const params = encodeTypedParams([
    { field: "bandwidth", ullong: 2 ** 40 + 3 },
    { field: "migrate_uri", string: "tcp://127.0.0.1" },
  ]);
  assertEquals(params.count, 2);
  assertEquals(params.array.length, 192);
  assertEquals(readTypedParams(Deno.UnsafePointer.of(params.array), params.count), {
    bandwidth: 2 ** 40 + 3,
    migrate_uri: "tcp://127.0.0.1",
  });
  releaseParams(params);
  assertEquals(params.strings.length, 0);
});

Deno.test("migrate - only a bandwidth limit becomes a parameter", () => {
  assertEquals(migrateParams({}), []);
  assertEquals(migrateParams({ bandwidthMiBs: 5 }), [{ field: "bandwidth", ullong: 5 }]);
  assertEquals(encodeTypedParams([]).count, 0);
});
