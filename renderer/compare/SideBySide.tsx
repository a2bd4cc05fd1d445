/**
 * Rules, model and hybrid side by side: coverage, precision / recall / F1 of the positive class,
 * macro F1, each with the rows it was measured on; and each one's confusion matrix with its
 * abstain column.
 */
import type { ClassReport, Comparison } from '../../ml/metrics/index.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString('en-US');

type Column = { id: string; title: string; report: ClassReport; rows: string; extra?: string };

function columns(c: Comparison): Column[] {
  const out: Column[] = [{ id: 'rules', title: 'Rules', report: c.rules.report, rows: c.rules.rows.description }];
  if (c.model) out.push({ id: 'model', title: `Model${c.threshold !== null ? ` at ${c.threshold.toFixed(2)}` : ''}`, report: c.model.report, rows: c.model.rows.description });
  if (c.hybrid) out.push({ id: 'hybrid', title: 'Hybrid (rules first)', report: c.hybrid.report, rows: c.hybrid.rows.description, extra: `${num(c.hybrid.decidedByRules)} by rules · ${num(c.hybrid.decidedByModel)} by the model` });
  return out;
}

export function SideBySide({ c }: { c: Comparison }) {
  const cols = columns(c);
  const p = c.positive;
  const posOf = (r: ClassReport) => (p === null ? null : r.perClass[p] ?? null);
  const line = (name: string, f: (r: ClassReport) => string, testId?: string) => (
    <tr>
      <th>{name}</th>
      {cols.map((col) => <td key={col.id} data-testid={testId ? `${testId}-${col.id}` : undefined}>{f(col.report)}</td>)}
    </tr>
  );
  return (
    <div className="cmp-side">
      <table className="grid compact cmp-table" data-testid="compare-side-by-side">
        <thead><tr><th /> {cols.map((col) => <th key={col.id}>{col.title}</th>)}</tr></thead>
        <tbody>
          <tr className="cmp-rows"><th>measured on</th> {cols.map((col) => <td key={col.id} className="muted small" data-testid={`cmp-rows-${col.id}`}>{col.rows}{col.extra ? <><br />{col.extra}</> : null}</td>)}</tr>
          {line('coverage', (r) => pct(r.coverage), 'cmp-coverage')}
          {p !== null ? line(`precision (${c.classes[p]})`, (r) => pct(posOf(r)?.precision), 'cmp-precision') : null}
          {p !== null ? line(`recall (${c.classes[p]})`, (r) => pct(posOf(r)?.recall), 'cmp-recall') : null}
          {p !== null ? line(`F1 (${c.classes[p]})`, (r) => (posOf(r)?.f1 ?? null) === null ? '–' : posOf(r)!.f1!.toFixed(3), 'cmp-f1') : null}
          {line('accuracy on covered', (r) => pct(r.accuracy))}
          {line('macro F1', (r) => (r.macroF1 === null ? '–' : r.macroF1.toFixed(3)), 'cmp-macro')}
        </tbody>
      </table>
      <div className="cmp-confusions">
        {cols.map((col) => <Confusion key={col.id} title={col.title} report={col.report} classes={c.classes} testId={`cmp-confusion-${col.id}`} />)}
      </div>
    </div>
  );
}

function Confusion({ title, report, classes, testId }: { title: string; report: ClassReport; classes: string[]; testId: string }) {
  const k = report.confusion.k;
  const w = k + 1;
  return (
    <table className="grid compact cmp-confusion" data-testid={testId}>
      <caption>{title}</caption>
      <thead><tr><th>truth ↓</th>{classes.slice(0, k).map((cl) => <th key={cl}>{cl}</th>)}<th className="abstain">abstain</th></tr></thead>
      <tbody>
        {classes.slice(0, k).map((t, ti) => (
          <tr key={t}>
            <th>{t}</th>
            {Array.from({ length: w }, (_, q) => {
              const v = report.confusion.counts[ti * w + q];
              return <td key={q} className={q === ti ? 'diag' : q === k ? 'abstain' : v ? 'off' : ''}>{num(v)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
