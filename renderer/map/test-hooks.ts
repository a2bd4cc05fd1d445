/**
 * window.__mtMap: what e2e tests and the benchmark need to aim at points (the layout on screen,
 * the view, the canvas) without reading pixels. Tiny on purpose; nothing in the app reads it.
 */
import type { View } from './viewport.ts';

export type MapTestHooks = {
  xy(): Float32Array | null;
  view(): View;
  canvas(): HTMLCanvasElement | null;
  setView(v: View): void;
  fit(): void;
};

declare global {
  interface Window { __mtMap?: MapTestHooks }
}

export function exposeForTests(hooks: MapTestHooks): () => void {
  window.__mtMap = hooks;
  return () => { if (window.__mtMap === hooks) delete window.__mtMap; };
}
