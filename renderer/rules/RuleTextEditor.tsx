/**
 * The whole rule set as text, one rule per line. Valid text applies itself after a short pause
 * (one undo step per pause); invalid text stays as typed, with each error underlined at its
 * place and listed — the rules in effect stay the last valid ones, nothing is lost.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatRules, formatRuleTextError, parseRules, type ColumnInfo, type RuleTextError } from '../../ml/rules/text.ts';
import type { RuleSet } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { setRuleSet } from './actions.ts';

const APPLY_DELAY_MS = 450;

export const columnInfo = (table: Table): ColumnInfo[] =>
  table.columns.map((c) => (c.type === 'categorical' ? { name: c.name, type: c.type, categories: c.dictionary } : { name: c.name, type: c.type }));

/**
 * Ids for lines past the existing rules: r<n> after the highest r-number in use, so a typed rule
 * reads "rule 3" in the list like a brushed one and never reuses the id of another rule.
 */
function idMaker(current: RuleSet): (k: number) => string {
  const top = current.rules.reduce((m, r) => Math.max(m, /^r\d+$/.test(r.id) ? Number(r.id.slice(1)) : 0), 0);
  return (k) => `r${top + 1 + k - current.rules.length}`;
}

function parse(text: string, cols: ColumnInfo[], current: RuleSet) {
  const r = parseRules(text, cols, { ids: current.rules.map((x) => x.id), makeId: idMaker(current) });
  const fatal = r.errors.filter((e) => e.severity !== 'warning');
  return { set: { rules: r.rules, defaultClass: r.defaultClass } as RuleSet, errors: r.errors, ok: fatal.length === 0 };
}

/** The text split into spans, with error ranges marked: drawn behind the transparent textarea. */
function Mirror({ text, errors }: { text: string; errors: RuleTextError[] }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, li) => {
        const errs = errors.filter((e) => e.line === li + 1).sort((a, b) => a.column - b.column);
        const out: React.ReactNode[] = [];
        let at = 0;
        errs.forEach((e, j) => {
          const s = Math.max(at, e.column - 1);
          const len = Math.max(1, e.length);
          if (s > at) out.push(line.slice(at, s));
          out.push(<mark key={j} className={e.severity === 'warning' ? 'warn' : ''}>{line.slice(s, s + len) || ' '}</mark>);
          at = s + len;
        });
        out.push(line.slice(at));
        return <div key={li}>{out}{'\u200b'}</div>;
      })}
    </>
  );
}

export function RuleTextEditor({ table, example }: { table: Table; example: string }) {
  const set = projectStore.use((s) => s.doc.rules);
  const cols = useMemo(() => columnInfo(table), [table]);
  const [draft, setDraft] = useState(() => formatRules(set));
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const area = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const parsed = useMemo(() => parse(draft, cols, set), [draft, cols, set]);

  // Edits elsewhere (brushes, list, undo) rewrite the text — unless it holds unfinished, invalid typing.
  useEffect(() => {
    const p = parse(draft, cols, set);
    if (p.ok && formatRules(p.set) !== formatRules(set)) setDraft(formatRules(set));
  }, [set]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (text: string) => {
    setDraft(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const current = projectStore.get().doc.rules;
      const p = parse(text, cols, current);
      if (p.ok) run(setRuleSet, { rules: p.set });
    }, APPLY_DELAY_MS);
  };

  const jump = (e: RuleTextError) => {
    const el = area.current;
    if (!el) return;
    const lines = draft.split('\n');
    const start = lines.slice(0, e.line - 1).reduce((s, l) => s + l.length + 1, 0) + e.column - 1;
    el.focus();
    el.setSelectionRange(start, start + Math.max(1, e.length));
  };

  const stale = !parsed.ok && formatRules(set).trim() !== '';
  return (
    <div className="rp-text">
      <h3>Rules as text <span className="muted small">one per line · <code># comment</code> · <code>`odd name`</code> · <code>else =&gt; class</code></span></h3>
      <div className={`rp-editor${parsed.ok ? '' : ' invalid'}`}>
        <div className="rp-mirror" aria-hidden style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
          <Mirror text={draft} errors={parsed.errors} />
        </div>
        <textarea ref={area} value={draft} spellCheck={false} wrap="off" rows={Math.max(4, draft.split('\n').length + 1)}
          onChange={(e) => onChange(e.target.value)} onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          placeholder={example || 'column >= 1 => class'} data-testid="rules-text" aria-label="Rules as text" />
      </div>
      {parsed.errors.length ? (
        <ul className="rp-errors" data-testid="rules-text-errors">
          {parsed.errors.map((e, j) => (
            <li key={j} className={e.severity === 'warning' ? 'muted' : 'warn-text'}><button className="link" onClick={() => jump(e)}>{formatRuleTextError(e)}</button></li>
          ))}
        </ul>
      ) : null}
      {stale ? <p className="small muted">Until the text is fixed, the rules above stay as they were.</p> : null}
    </div>
  );
}
