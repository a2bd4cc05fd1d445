/**
 * The model's precision–recall curve for the positive class, with the rule set and each single
 * rule as points, and the threshold the slider sets marked on the curve. SVG: a curve of at
 * most 512 points (thinned, the shape kept) is cheap to redraw on every slider step.
 */
import { useMemo } from 'react';
import { thinCurve, type Comparison, type PreparedModel } from '../../ml/metrics/index.ts';

const W = 380, H = 260, M = { l: 44, r: 12, t: 12, b: 34 };
const x = (recall: number) => M.l + recall * (W - M.l - M.r);
const y = (precision: number) => H - M.b - precision * (H - M.t - M.b);

export function PrChart({ model, c }: { model: PreparedModel; c: Comparison }) {
  const pr = model.pr;
  const path = useMemo(() => {
    if (!pr) return '';
    const keep = thinCurve(pr.recall, pr.precision, 512);
    return Array.from(keep, (k, j) => `${j ? 'L' : 'M'}${x(pr.recall[k]).toFixed(1)},${y(pr.precision[k]).toFixed(1)}`).join('');
  }, [pr]);
  const at = c.threshold !== null ? c.at(c.threshold)?.positive : null;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg width={W} height={H} className="cmp-pr" data-testid="compare-pr" role="img" aria-label="Precision–recall curve of the model, with the rules as points">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} className="grid-line" />
          <text x={M.l - 6} y={y(t) + 4} textAnchor="end" className="tick">{t}</text>
          <text x={x(t)} y={H - M.b + 14} textAnchor="middle" className="tick">{t}</text>
        </g>
      ))}
      <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="axis-title">recall</text>
      <text x={12} y={(M.t + H - M.b) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.t + H - M.b) / 2})`} className="axis-title">precision</text>
      <path d={path} className="curve" />
      {c.rulePoints.map((p) => (p.precision !== null && p.recall !== null ? (
        <circle key={p.id} cx={x(p.recall)} cy={y(p.precision)} r={4} className="rule-point"><title>{`${p.label}: precision ${(100 * p.precision).toFixed(1)}%, recall ${(100 * p.recall).toFixed(1)}%`}</title></circle>
      ) : null))}
      {c.rulesPoint?.precision != null && c.rulesPoint.recall != null ? (
        <g data-testid="compare-rules-point">
          <rect x={x(c.rulesPoint.recall) - 6} y={y(c.rulesPoint.precision) - 6} width={12} height={12} className="rules-point"><title>the rule set</title></rect>
        </g>
      ) : null}
      {at && at.precision !== null && at.recall !== null ? <circle cx={x(at.recall)} cy={y(at.precision)} r={6} className="threshold-point" data-testid="compare-threshold-point" /> : null}
    </svg>
  );
}
