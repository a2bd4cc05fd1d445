/**
 * Export the chart as PNG (both canvases + the axes, flattened) or SVG (the line layers as an
 * embedded image under vector axes, brushes and labels — 285k polylines as vector paths would be
 * a file nobody can open). Computed styles are inlined so the file looks like the screen.
 */
import { appStore, toast } from '../store/app.ts';

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'paint-order', 'display'];

function parts() {
  const root = document.querySelector('[data-testid="parallel-coordinates"]');
  const stat = root?.querySelector<HTMLCanvasElement>('[data-testid="pc-static"]');
  const live = root?.querySelector<HTMLCanvasElement>('[data-testid="pc-live"]');
  const svg = root?.querySelector<SVGSVGElement>('[data-testid="pc-axes"]');
  if (!stat || !live || !svg) throw new Error('Open the Rules tab to export the chart.');
  return { stat, live, svg };
}

/** The axes SVG with styles inlined, as a standalone string. */
function svgText(svg: SVGSVGElement, background?: { href: string; width: number; height: number }): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = svg.querySelectorAll('*');
  const dst = clone.querySelectorAll('*');
  src.forEach((el, k) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (dst[k] as SVGElement).setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('class');
  if (background) {
    const img = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    img.setAttribute('href', background.href);
    img.setAttribute('width', String(background.width));
    img.setAttribute('height', String(background.height));
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', 'white');
    clone.insertBefore(img, clone.firstChild);
    clone.insertBefore(bg, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

function linesCanvas(stat: HTMLCanvasElement, live: HTMLCanvasElement, white: boolean): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = stat.width;
  c.height = stat.height;
  const ctx = c.getContext('2d')!;
  if (white) { ctx.fillStyle = 'white'; ctx.fillRect(0, 0, c.width, c.height); }
  ctx.drawImage(stat, 0, 0);
  ctx.drawImage(live, 0, 0);
  return c;
}

function download(blob: Blob, ext: string): void {
  const name = `${(appStore.get().dataset?.name ?? 'chart').replace(/[^\w.-]+/g, '_')}-parallel.${ext}`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  toast(`Exported ${name}`);
}

export async function exportPng(): Promise<void> {
  const { stat, live, svg } = parts();
  const c = linesCanvas(stat, live, true);
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  await img.decode();
  c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
  URL.revokeObjectURL(img.src);
  const blob = await new Promise<Blob | null>((r) => c.toBlob(r, 'image/png'));
  if (blob) download(blob, 'png');
}

export async function exportSvg(): Promise<void> {
  const { stat, live, svg } = parts();
  const href = linesCanvas(stat, live, false).toDataURL('image/png');
  const text = svgText(svg, { href, width: svg.width.baseVal.value, height: svg.height.baseVal.value });
  download(new Blob([text], { type: 'image/svg+xml' }), 'svg');
}
