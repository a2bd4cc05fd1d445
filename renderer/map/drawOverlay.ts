/**
 * The map's interactive layer, redrawn on every pointer move without touching the static
 * layer: the hovered point, the focused item (clicked in the selection panel), and the lasso
 * path or selection box being drawn.
 */
import type { View } from './viewport.ts';

export type OverlayProps = {
  width: number;
  height: number;
  dpr: number;
  xy: Float32Array;
  view: View;
  radius: number;
  hover: number;
  focus: number;
  /** Lasso polygon or box corners in screen px (flat x,y pairs). */
  path: number[];
  mode: 'lasso' | 'box' | 'pan';
  /** 'add' / 'subtract' change the path's colour so the user sees what the gesture will do. */
  op: 'replace' | 'add' | 'subtract';
};

const OP_COLOUR = { replace: '#3b5bdb', add: '#2b8a3e', subtract: '#c92a2a' } as const;

function ringAt(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string, width: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.lineWidth = width + 2;
  ctx.strokeStyle = 'white';
  ctx.stroke();
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

export function drawOverlay(ctx: CanvasRenderingContext2D, p: OverlayProps): void {
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
  ctx.clearRect(0, 0, p.width, p.height);
  const at = (i: number) => [p.xy[2 * i] * p.view.scale + p.view.tx, p.xy[2 * i + 1] * p.view.scale + p.view.ty];
  if (p.focus >= 0 && Number.isFinite(p.xy[2 * p.focus])) {
    const [x, y] = at(p.focus);
    ringAt(ctx, x, y, p.radius + 7, '#f08c00', 2.5);
    ctx.beginPath();
    ctx.moveTo(x - p.radius - 16, y); ctx.lineTo(x - p.radius - 9, y);
    ctx.moveTo(x + p.radius + 9, y); ctx.lineTo(x + p.radius + 16, y);
    ctx.moveTo(x, y - p.radius - 16); ctx.lineTo(x, y - p.radius - 9);
    ctx.moveTo(x, y + p.radius + 9); ctx.lineTo(x, y + p.radius + 16);
    ctx.stroke();
  }
  if (p.hover >= 0 && p.hover !== p.focus && Number.isFinite(p.xy[2 * p.hover])) {
    const [x, y] = at(p.hover);
    ringAt(ctx, x, y, p.radius + 4, '#1d2430', 1.5);
  }
  if (p.path.length >= 4) {
    const colour = OP_COLOUR[p.op];
    ctx.beginPath();
    if (p.mode === 'box') {
      const [x0, y0, x1, y1] = [p.path[0], p.path[1], p.path[p.path.length - 2], p.path[p.path.length - 1]];
      ctx.rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    } else {
      ctx.moveTo(p.path[0], p.path[1]);
      for (let k = 2; k < p.path.length; k += 2) ctx.lineTo(p.path[k], p.path[k + 1]);
      ctx.closePath();
    }
    ctx.fillStyle = `${colour}14`;
    ctx.fill();
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = colour;
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
