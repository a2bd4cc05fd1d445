/** Live loss / accuracy curves of a training run (train solid, validation dashed); fills its container's width. */
import { useEffect, useRef, useState } from 'react';
import { drawCurves, TRAIN_COLOUR, VAL_COLOUR, type EpochPoint } from './draw-curves.ts';

export function CurvesChart({ points, totalEpochs, height = 110 }: { points: readonly EpochPoint[]; totalEpochs: number; height?: number }) {
  const wrap = useRef<HTMLElement>(null);
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.floor(el.getBoundingClientRect().width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) { canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr); }
    drawCurves(ctx, { width, height, points, totalEpochs, dpr });
  }, [points, totalEpochs, width, height]);
  const last = points.at(-1);
  return (
    <figure className="curves" ref={wrap} data-testid="train-curves" data-epochs={points.length}>
      <canvas ref={ref} style={{ width: width || '100%', height }} aria-label={last ? `Epoch ${points.length}: loss ${last.loss.toFixed(3)}, validation accuracy ${pct(last.valAcc)}` : 'No epochs yet'} />
      <figcaption className="small muted">
        <span className="swatch" style={{ background: TRAIN_COLOUR }} />train
        <span className="swatch dashed" style={{ borderColor: VAL_COLOUR }} />validation
        {last ? <span className="curves-now">epoch {points.length}/{totalEpochs} · val acc <strong>{pct(last.valAcc)}</strong></span> : null}
      </figcaption>
    </figure>
  );
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`);
