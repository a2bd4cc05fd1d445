/**
 * Pure drawing of the live training curves: loss (left panel) and accuracy (right panel),
 * train solid vs validation dashed, one point per epoch. Canvas-2D, no React: the chart
 * component calls this whenever a new epoch arrives.
 */

export type EpochPoint = { epoch: number; loss: number; acc: number; valLoss: number; valAcc: number };

export type CurvesProps = {
  width: number;
  height: number;
  points: readonly EpochPoint[];
  /** Planned epochs, so the x axis does not rescale while training runs. */
  totalEpochs: number;
  /** Device pixel ratio the canvas was sized for. */
  dpr?: number;
};

export const TRAIN_COLOUR = '#3b5bdb';
export const VAL_COLOUR = '#e8590c';

type Panel = { x: number; y: number; w: number; h: number; title: string; yMax: number; fmt: (v: number) => string };

/** Upper bound of the loss axis: the largest finite loss seen, rounded up a little. */
export function lossCeiling(points: readonly EpochPoint[]): number {
  let max = 0;
  for (const p of points) {
    if (Number.isFinite(p.loss)) max = Math.max(max, p.loss);
    if (Number.isFinite(p.valLoss)) max = Math.max(max, p.valLoss);
  }
  return max > 0 ? max * 1.1 : 1;
}

export function drawCurves(ctx: CanvasRenderingContext2D, props: CurvesProps): void {
  const { width, height, points } = props;
  const dpr = props.dpr ?? 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const gap = 14;
  const w = (width - gap) / 2;
  const epochs = Math.max(props.totalEpochs, points.length, 2);
  const panels: Panel[] = [
    { x: 0, y: 0, w, h: height, title: 'loss', yMax: lossCeiling(points), fmt: (v) => v.toFixed(v < 1 ? 2 : 1) },
    { x: w + gap, y: 0, w, h: height, title: 'accuracy', yMax: 1, fmt: (v) => `${Math.round(v * 100)}%` },
  ];
  panels.forEach((panel, i) => {
    drawFrame(ctx, panel, epochs);
    const pick = i === 0 ? (p: EpochPoint) => [p.loss, p.valLoss] : (p: EpochPoint) => [p.acc, p.valAcc];
    drawSeries(ctx, panel, epochs, points, (p) => pick(p)[0], TRAIN_COLOUR, []);
    drawSeries(ctx, panel, epochs, points, (p) => pick(p)[1], VAL_COLOUR, [4, 3]);
  });
}

const PAD = { left: 30, right: 6, top: 16, bottom: 16 };

function sx(panel: Panel, epochs: number, epoch: number): number {
  return panel.x + PAD.left + ((epoch - 1) / (epochs - 1)) * (panel.w - PAD.left - PAD.right);
}

function sy(panel: Panel, v: number): number {
  const t = Math.min(1, Math.max(0, v / panel.yMax));
  return panel.y + panel.h - PAD.bottom - t * (panel.h - PAD.top - PAD.bottom);
}

function drawFrame(ctx: CanvasRenderingContext2D, panel: Panel, epochs: number): void {
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#1d2430';
  ctx.textBaseline = 'top';
  ctx.fillText(panel.title, panel.x + PAD.left, panel.y);
  ctx.strokeStyle = '#e3e6eb';
  ctx.fillStyle = '#6b7585';
  ctx.lineWidth = 1;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const t of [0, 0.5, 1]) {
    const v = t * panel.yMax;
    const y = Math.round(sy(panel, v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(panel.x + PAD.left, y);
    ctx.lineTo(panel.x + panel.w - PAD.right, y);
    ctx.stroke();
    ctx.fillText(panel.fmt(v), panel.x + PAD.left - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const bottom = panel.y + panel.h - PAD.bottom + 3;
  ctx.fillText('1', sx(panel, epochs, 1), bottom);
  ctx.fillText(String(epochs), sx(panel, epochs, epochs) - 4, bottom);
  ctx.fillText('epoch', panel.x + PAD.left + (panel.w - PAD.left - PAD.right) / 2, bottom);
  ctx.restore();
}

function drawSeries(
  ctx: CanvasRenderingContext2D, panel: Panel, epochs: number, points: readonly EpochPoint[],
  value: (p: EpochPoint) => number, colour: string, dash: number[],
): void {
  // x is the point's position (1-based), so 0- and 1-based epoch numbers draw alike.
  const finite = points.map((p, i) => ({ x: i + 1, v: value(p) })).filter((p) => Number.isFinite(p.v));
  if (finite.length === 0) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.75;
  ctx.setLineDash(dash);
  ctx.beginPath();
  finite.forEach((p, i) => {
    const x = sx(panel, epochs, p.x);
    const y = sy(panel, p.v);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  // The newest point gets a dot, so a single epoch is visible and the eye finds "now".
  const last = finite[finite.length - 1];
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(sx(panel, epochs, last.x), sy(panel, last.v), 2.5, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}
