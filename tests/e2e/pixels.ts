/**
 * Answers about what is on screen, from pixels rather than DOM nodes: a screenshot of the
 * element, decoded in the page (createImageBitmap), then measured there.
 */
import type { Locator, Page } from 'playwright-core';

type Measure = 'painted' | 'centre' | 'colour';

async function measure(page: Page, target: Locator, what: Measure): Promise<number | string> {
  const png = (await target.screenshot()).toString('base64');
  return page.evaluate(async ({ b64, what }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    if (what === 'centre') {
      const d = ctx.getImageData(Math.floor(bitmap.width / 2), Math.floor(bitmap.height / 2), 1, 1).data;
      return `${d[0]},${d[1]},${d[2]}`;
    }
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    if (what === 'colour') {
      let vivid = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 48) vivid++;
      return vivid / (data.length / 4);
    }
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return 1 - Math.max(...counts.values()) / (data.length / 4);
  }, { b64: png, what });
}

/** Share of pixels that differ from the element's most common colour: ~0 for a blank or crashed view. */
export const paintedShare = async (page: Page, target: Locator): Promise<number> => Number(await measure(page, target, 'painted'));

/** Share of pixels with a clear hue (channels spread > 48): 0 for grey images, a blank view or the grey placeholder. */
export const colourShare = async (page: Page, target: Locator): Promise<number> => Number(await measure(page, target, 'colour'));

/** The colour ("r,g,b") at the centre of an element as drawn. */
export const centreColour = async (page: Page, target: Locator): Promise<string> => String(await measure(page, target, 'centre'));
