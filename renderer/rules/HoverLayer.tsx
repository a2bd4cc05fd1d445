/** Hover: the nearest highlighted line under the pointer, outlined, with its row's values. */
import type { PlotLayout } from './geometry.ts';
import { unitToY } from './geometry.ts';
import { levelToUnit } from './quantize.ts';
import { fmtValue } from './scales.ts';

const PICK_PX = 5;

/**
 * Nearest row to (x, y) among `index` (null = all n rows), using the quantised columns: one
 * interpolation per row between the two axes around x. Returns null when none is within 5 px.
 */
export function pickRow(L: PlotLayout, x: number, y: number, index: Uint32Array | null, n: number): number | null {
  const A = L.axes;
  let a = -1;
  for (let j = 0; j + 1 < A.length; j++) if (x >= A[j].x && x <= A[j + 1].x) { a = j; break; }
  if (a < 0) return null;
  const t = (x - A[a].x) / (A[a + 1].x - A[a].x);
  const ya = new Float32Array(256);
  const yb = new Float32Array(256);
  for (let q = 0; q < 256; q++) {
    ya[q] = unitToY(L, A[a], levelToUnit(q));
    yb[q] = unitToY(L, A[a + 1], levelToUnit(q));
  }
  const QA = A[a].quant;
  const QB = A[a + 1].quant;
  let best = -1;
  let bestD = PICK_PX;
  const m = index ? index.length : n;
  for (let k = 0; k < m; k++) {
    const i = index ? index[k] : k;
    const d = Math.abs(ya[QA[i]] + (yb[QB[i]] - ya[QA[i]]) * t - y);
    if (d < bestD) { bestD = d; best = i; }
  }
  return best < 0 ? null : best;
}

export function cellText(L: PlotLayout, axis: number, row: number): string {
  const c = L.axes[axis].column;
  if (c.type === 'numeric') return Number.isNaN(c.values[row]) ? 'missing' : fmtValue(c.values[row]);
  if (c.type === 'categorical') return c.codes[row] < 0 ? 'missing' : c.dictionary[c.codes[row]];
  return '';
}

const CARD_ROWS = 14;

/** The hovered row's card: the axes scrolled into view first (in screen order), then the rest, at most 14. */
export function HoverLayer({ layout: L, hover, view }: { layout: PlotLayout; hover: { row: number; x: number; y: number } | null; view: [number, number] }) {
  if (!hover) return null;
  const inView = (x: number) => x >= view[0] && x <= view[1];
  const order = [...L.axes.keys()].sort((i, j) => Number(inView(L.axes[j].x)) - Number(inView(L.axes[i].x)) || i - j);
  const shown = order.slice(0, CARD_ROWS);
  const pts = L.axes.map((a) => {
    const u = levelToUnit(a.quant[hover.row]);
    return `${a.x},${unitToY(L, a, u)}`;
  }).join(' ');
  const left = hover.x + 16 + 260 > L.width ? hover.x - 276 : hover.x + 16;
  return (
    <>
      <svg className="pc-layer pc-hover" width={L.width} height={L.height}>
        <polyline points={pts} fill="none" stroke="#111827" strokeWidth={2.5} strokeOpacity={0.9} />
      </svg>
      <div className="pc-tooltip" style={{ left, top: Math.max(4, hover.y - 40) }} data-testid="pc-tooltip">
        <div className="pc-tooltip-title">row {hover.row.toLocaleString()}</div>
        <dl>
          {shown.map((j) => (
            <div key={L.axes[j].name}><dt>{L.axes[j].name}</dt><dd>{cellText(L, j, hover.row)}</dd></div>
          ))}
        </dl>
        {order.length > shown.length ? <div className="muted small">+ {order.length - shown.length} more axes</div> : null}
      </div>
    </>
  );
}
