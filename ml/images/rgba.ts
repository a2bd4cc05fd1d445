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
