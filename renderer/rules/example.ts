/**
 * An example rule built from the open table's own columns and classes, for the empty rule
 * list and the text editor's placeholder: a numeric column past its 90th percentile (rounded
 * to two significant digits), and a categorical column's rarest-class-heavy value if there is
 * one, predicting the rarest class. Never the label column itself.
 */
import { formatCondition, formatClass } from '../../ml/rules/text.ts';
import type { Condition } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';

const round2 = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(2)));

export function exampleRule(table: Table, label: string | null, target: string | null): string {
  const parts: Condition[] = [];
  const numeric = table.columns.find((c) => c.type === 'numeric' && c.name !== label);
  if (numeric?.type === 'numeric') {
    const finite = Float32Array.from(numeric.values.filter((v) => v === v)).sort();
    if (finite.length) parts.push({ op: 'range', column: numeric.name, lo: round2(finite[Math.floor(finite.length * 0.9)]), hi: null, loOpen: false, hiOpen: false });
  }
  const cat = table.columns.find((c) => c.type === 'categorical' && c.name !== label && c.dictionary.length >= 2 && c.dictionary.length <= 20);
  if (cat?.type === 'categorical') parts.push({ op: 'in', column: cat.name, values: [cat.dictionary[cat.dictionary.length - 1]] });
  if (parts.length === 0) return '';
  const when: Condition = parts.length === 1 ? parts[0] : { op: 'and', of: parts };
  return `${formatCondition(when)} => ${formatClass(target ?? 'positive')}`;
}
