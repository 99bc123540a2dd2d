// A VM's screen made into a small PNG: the hypervisor's screenshot (QEMU sends binary PPM, the
// test driver PNG) read into RGB, shrunk by averaging each box of pixels to at most `maxWidth`
// wide, and encoded by fast-png (a maintained PNG codec; the platform has none).

import { decode, encode } from "fast-png";

/** An image as 8-bit RGB rows. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** The largest screen we read: 8K in RGB (a bigger header is a broken or hostile image). */
export const MAX_PIXELS = 7680 * 4320;

/** Reads binary PPM (P6, maxval ≤ 255), as QEMU's screendump writes it. */
export function decodePpm(bytes: Uint8Array): RgbImage {
  // Header: "P6", width, height, maxval, separated by whitespace (comments start with #).
  const fields: number[] = [];
  let at = 2;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x36) throw new Error("not a binary PPM image");
  while (fields.length < 3) {
    while (at < bytes.length && isSpace(bytes[at])) at++;
    if (bytes[at] === 0x23) { // '#': to the end of the line
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
      continue;
    }
    let value = 0;
    const start = at;
    while (at < bytes.length && bytes[at] >= 0x30 && bytes[at] <= 0x39 && at - start < 6) {
      value = value * 10 + bytes[at++] - 0x30;
    }
    if (at === start) throw new Error("a broken PPM header");
    fields.push(value);
  }
  at++; // the one whitespace byte before the pixels
  const [width, height, maxval] = fields;
  if (maxval !== 255 || width === 0 || height === 0 || width * height > MAX_PIXELS) {
    throw new Error(`an unsupported PPM image (${width}×${height}, maxval ${maxval})`);
  }
  const rgb = bytes.subarray(at, at + width * height * 3);
  if (rgb.length !== width * height * 3) throw new Error("a PPM image cut short");
  return { width, height, rgb };
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Reads a PNG of any colour type into 8-bit RGB (alpha dropped, grey spread, palette looked up). */
export function decodePng(bytes: Uint8Array): RgbImage {
  const png = decode(bytes);
  const { width, height, channels, depth, palette } = png;
  if (width * height > MAX_PIXELS) throw new Error(`a PNG image too large (${width}×${height})`);
  const data = png.data;
  const rgb = new Uint8Array(width * height * 3);
  const shift = depth === 16 ? 8 : 0;
  for (let i = 0; i < width * height; i++) {
    if (palette) {
      const entry = palette[data[i]] ?? [0, 0, 0];
      rgb.set(entry.slice(0, 3), i * 3);
      continue;
    }
    const base = i * channels;
    if (channels <= 2) {
      const grey = data[base] >> shift;
      rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = grey;
    } else {
      rgb[i * 3] = data[base] >> shift;
      rgb[i * 3 + 1] = data[base + 1] >> shift;
      rgb[i * 3 + 2] = data[base + 2] >> shift;
    }
  }
  return { width, height, rgb };
}

/** The image shrunk to at most `maxWidth` wide (aspect kept) by averaging boxes; never enlarged. */
export function shrink(image: RgbImage, maxWidth: number): RgbImage {
  if (image.width <= maxWidth) return image;
  const width = maxWidth;
  const height = Math.max(1, Math.round(image.height * width / image.width));
  const out = new Uint8Array(width * height * 3);
  const sums = new Float64Array(width * 3);
  const counts = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    counts.fill(0);
    const y0 = Math.floor(y * image.height / height);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * image.height / height));
    for (let sy = y0; sy < y1; sy++) {
      const row = sy * image.width * 3;
      for (let sx = 0; sx < image.width; sx++) {
        const x = Math.floor(sx * width / image.width);
        const from = row + sx * 3;
        sums[x * 3] += image.rgb[from];
        sums[x * 3 + 1] += image.rgb[from + 1];
        sums[x * 3 + 2] += image.rgb[from + 2];
        counts[x]++;
      }
    }
    for (let x = 0; x < width; x++) {
      const to = (y * width + x) * 3;
      out[to] = Math.round(sums[x * 3] / counts[x]);
      out[to + 1] = Math.round(sums[x * 3 + 1] / counts[x]);
      out[to + 2] = Math.round(sums[x * 3 + 2] / counts[x]);
    }
  }
  return { width, height, rgb: out };
}

/** The screenshot (`mime` as the hypervisor named it) as a PNG at most `maxWidth` wide. */
export function thumbnailPng(mime: string, bytes: Uint8Array, maxWidth: number): Uint8Array {
  const image = mime === "image/png" ? decodePng(bytes) : decodePpm(bytes);
  const small = shrink(image, maxWidth);
  return encode({ width: small.width, height: small.height, data: small.rgb, channels: 3 });
}
