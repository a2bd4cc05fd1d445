/** What the colours mean: category swatches with counts, or a ramp with its range. */
import type { Legend as LegendT } from './colours.ts';

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(1) : String(+v.toFixed(2)));

export function Legend({ legend }: { legend: LegendT }) {
  if (legend.kind === 'ramp') {
    return (
      <div className="map-legend" data-testid="map-legend">
        <div className="legend-title">{legend.title}</div>
        <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${legend.stops.join(',')})` }} />
        <div className="legend-ends"><span>{fmt(legend.min)}{legend.lowLabel ? ` · ${legend.lowLabel}` : ''}</span><span>{legend.highLabel ? `${legend.highLabel} · ` : ''}{fmt(legend.max)}</span></div>
      </div>
    );
  }
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="legend-title">{legend.title}</div>
      <ul>
        {legend.items.map((it) => (
          <li key={it.index} data-testid={`map-legend-${it.label}`}><span className="cswatch" style={{ background: it.colour }} /><span className="legend-label">{it.label}</span><span className="legend-count">{it.count.toLocaleString()}</span></li>
        ))}
      </ul>
      <div className="legend-note"><span className="ring-sample" /> labelled by you</div>
    </div>
  );
}
