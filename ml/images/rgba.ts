/**
 * Decoded pixels as every image stage here reads them: RGBA bytes, straight (not
 * premultiplied) alpha, row-major — what ImageData holds in the page and decodePng returns
 * in Node. `flattenOnWhite` gives the RGB a model sees: transparent parts (emoji, logos,
 * icons) become white paper, not black, in every host alike.
 */
export type RgbaImage = { width: number; height: number; data: Uint8ClampedArray };

/** RGB bytes of `img` composited over white (alpha 0 → white), 3 bytes a pixel. */
export function flattenOnWhite(img: RgbaImage): Uint8Array {
  const { data } = img;
  const out = new Uint8Array((data.length / 4) * 3);
  for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
    const a = data[i + 3];
    const w = 255 * (255 - a);
    out[o] = Math.round((data[i] * a + w) / 255);
    out[o + 1] = Math.round((data[i + 1] * a + w) / 255);
    out[o + 2] = Math.round((data[i + 2] * a + w) / 255);
  }
  return out;
}

/** The size to decode a width×height image at so its longer edge is at most `maxEdge` (never upscaled). */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Area-average downscale (each output pixel the mean of the source pixels it covers); never upscales. */
export function downscale(img: RgbaImage, width: number, height: number): RgbaImage {
  if (width >= img.width && height >= img.height) return img;
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy), y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx), x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0, g = 0, b = 0, a = 0;
      for (let v = y0; v < y1; v++) {
        for (let u = x0; u < x1; u++) {
          const i = 4 * (v * img.width + u);
          r += img.data[i]; g += img.data[i + 1]; b += img.data[i + 2]; a += img.data[i + 3];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = 4 * (y * width + x);
      out[o] = r / n; out[o + 1] = g / n; out[o + 2] = b / n; out[o + 3] = a / n;
    }
  }
  return { width, height, data: out };
}
