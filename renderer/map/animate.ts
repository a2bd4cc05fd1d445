/**
 * When the map switches to another embedding's layout, points glide from their old to their
 * new positions (~700 ms, ease in-out) so the user can follow where a cluster went. Previews of
 * the same layout (UMAP mid-run) replace positions directly. Rows with no old position appear
 * at their new one; rows with no new position disappear.
 */
import { useEffect, useRef } from 'react';

export const ANIMATION_MS = 700;

const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2);

export function interpolate(from: Float32Array, to: Float32Array, t: number, out: Float32Array): Float32Array {
  const e = ease(t);
  for (let k = 0; k < to.length; k++) {
    const a = from[k], b = to[k];
    out[k] = a === a && b === b ? a + (b - a) * e : b;
  }
  return out;
}

export function useLayoutAnimation(target: Float32Array | null, id: string | null, onFrame: () => void): { current: Float32Array | null } {
  const shown = useRef<Float32Array | null>(target);
  const lastId = useRef(id);
  const raf = useRef(0);
  const frame = useRef(onFrame);
  frame.current = onFrame;

  useEffect(() => {
    cancelAnimationFrame(raf.current);
    const from = shown.current;
    const switching = lastId.current !== id;
    lastId.current = id;
    if (!target || !from || !switching || from.length !== target.length) {
      shown.current = target;
      frame.current();
      return;
    }
    const start = from.slice();
    const buffer = new Float32Array(target.length);
    const t0 = performance.now();
    const step = () => {
      const t = Math.min(1, (performance.now() - t0) / ANIMATION_MS);
      shown.current = t >= 1 ? target : interpolate(start, target, t, buffer);
      frame.current();
      if (t < 1) raf.current = requestAnimationFrame(step);
    };
    raf.current = requestAnimationFrame(step);
    return () => cancelAnimationFrame(raf.current);
  }, [target, id]);

  return shown;
}
