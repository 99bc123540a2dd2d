// The screenshot decoders and the box-filter shrink: QEMU's PPM and any PNG into RGB, a screen
// shrunk by averaging, and the PNG the thumbnail route sends.

import { decode, encode } from "fast-png";
import { assertEquals, assertMatch, assertThrows } from "../../tests/support/assert.ts";
import { decodePng, decodePpm, shrink, thumbnailPng } from "./screen_image.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

function ppm(header: string, pixels: number[]): Uint8Array {
  return new Uint8Array([...ascii(header), ...pixels]);
}

Deno.test("decodePpm - reads QEMU's P6 header with comments and the pixels after one whitespace byte", () => {
  const image = decodePpm(ppm("P6\n# made by qemu\n2 1\n255\n", [1, 2, 3, 10, 11, 12]));
  assertEquals(image.width, 2);
  assertEquals(image.height, 1);
  assertEquals([...image.rgb], [1, 2, 3, 10, 11, 12]);
  // A pixel byte that looks like whitespace is a pixel, not part of the header.
  assertEquals([...decodePpm(ppm("P6 1 1 255 ", [32, 10, 9])).rgb], [32, 10, 9]);
});

Deno.test("decodePpm - refuses what is not a whole 8-bit P6 image of a sane size", () => {
  assertMatch(
    assertThrows(() => decodePpm(ppm("P3\n1 1\n255\n", [0, 0, 0])), Error).message,
    new RegExp("not a binary PPM"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\nx 1\n255\n", [0, 0, 0])), Error).message,
    new RegExp("broken PPM header"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\n1 1\n65535\n", [0, 0, 0])), Error).message,
    new RegExp("maxval 65535"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\n0 1\n255\n", [])), Error).message,
    new RegExp("unsupported"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\n99999 99999\n255\n", [])), Error).message,
    new RegExp("unsupported"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\n2 2\n255\n", [1, 2, 3])), Error).message,
    new RegExp("cut short"),
  );
  assertMatch(
    assertThrows(() => decodePpm(ppm("P6\n1", [])), Error).message,
    new RegExp("broken PPM header"),
  );
});

Deno.test("shrink - averages each box of pixels, keeps the aspect and never enlarges", () => {
  // 4×2: a black left half, a white right half, one red pixel at the top right.
  const rgb = new Uint8Array(4 * 2 * 3);
  for (let y = 0; y < 2; y++) {
    for (let x = 2; x < 4; x++) rgb.set([255, 255, 255], (y * 4 + x) * 3);
  }
  rgb.set([255, 0, 0], 3 * 3);
  const small = shrink({ width: 4, height: 2, rgb }, 2);
  assertEquals([small.width, small.height], [2, 1]);
  // Left box all black; right box three white and one red: (255·4/4, 255·3/4, 255·3/4).
  assertEquals([...small.rgb], [0, 0, 0, 255, 191, 191]);
  const same = { width: 4, height: 2, rgb };
  assertEquals(shrink(same, 640), same);
  assertEquals(shrink({ width: 1000, height: 1, rgb: new Uint8Array(3000) }, 32).height, 1);
});

Deno.test("decodePng - RGB, RGBA, grey, 16-bit and palette PNGs all become 8-bit RGB", () => {
  const rgba = encode({ width: 1, height: 1, data: new Uint8Array([9, 8, 7, 0]), channels: 4 });
  assertEquals([...decodePng(rgba).rgb], [9, 8, 7]);
  const grey = encode({ width: 2, height: 1, data: new Uint8Array([5, 200]), channels: 1 });
  assertEquals([...decodePng(grey).rgb], [5, 5, 5, 200, 200, 200]);
  const deep = encode({
    width: 1,
    height: 1,
    data: new Uint16Array([0x1234, 0xab00, 0xff00]),
    channels: 3,
    depth: 16,
  });
  assertEquals([...decodePng(deep).rgb], [0x12, 0xab, 0xff]);
  const indexed = encode({
    width: 2,
    height: 1,
    data: new Uint8Array([1, 0]),
    channels: 1,
    depth: 8,
    palette: [[1, 2, 3], [40, 50, 60]],
  });
  assertEquals([...decodePng(indexed).rgb], [40, 50, 60, 1, 2, 3]);
});

Deno.test("thumbnailPng - a PPM screen becomes a PNG of the shrunk image", () => {
  const pixels = Array.from({ length: 64 * 32 }, (_, i) => [i % 256, 0, 255 - (i % 256)]).flat();
  const png = decode(thumbnailPng("image/x-portable-pixmap", ppm("P6 64 32 255\n", pixels), 32));
  assertEquals([png.width, png.height, png.channels, png.depth], [32, 16, 3, 8]);
  assertEquals(decodePng(thumbnailPng("image/png", encode(png), 640)).width, 32);
});
