import { describe, expect, it } from 'vitest';
import { inferSchema, loadTable } from '../../../ml/table/index.ts';
import type { Table } from '../../../ml/table/types.ts';
import { bytes, cat } from './helpers.ts';

describe('inferSchema', () => {
  it('reports kinds, missing counts, distinct counts and ranges', async () => {
    const t = await loadTable('s.csv', bytes('x,color,photo,target\n1,red,a/1.png,yes\n,blue,b/2.JPG,no\n-3,,c/3.jpeg,yes\n'));
    const s = inferSchema(t);
    expect(s.n).toBe(3);
    expect(s.labelColumn).toBe('target');
    const by = Object.fromEntries(s.columns.map((c) => [c.name, c]));
    expect(by.x).toMatchObject({ kind: 'numeric', type: 'numeric', missing: 1, min: -3, max: 1 });
    expect(by.color).toMatchObject({ kind: 'categorical', missing: 1, distinct: 2 });
    expect(by.photo).toMatchObject({ kind: 'image', distinct: 3 });
    expect(by.target).toMatchObject({ kind: 'label', distinct: 2 });
  });

  it('a small table of distinct sentences is text; distinct one-word names stay categorical', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `user${i},"note number ${i} about the weather",${i % 2 ? 'a' : 'b'}`);
    const t = await loadTable('n.csv', bytes(`who,note,g\n${rows.join('\n')}\n`));
    const by = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
    expect(by).toEqual({ who: 'categorical', note: 'text', g: 'categorical' });
  });

  it('finds a label only when it has 2..50 classes, preferring Class over type', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i % 60},${i % 2},t${i % 3}`);
    const t = await loadTable('l.csv', bytes(`y,Class,type\n${rows.join('\n')}\n`));
    expect(inferSchema(t).labelColumn).toBe('Class');
    const one = await loadTable('o.csv', bytes('label,x\na,1\na,2\n'));
    expect(inferSchema(one).labelColumn).toBeNull();
    const many = await loadTable('m.csv', bytes(`target\n${Array.from({ length: 60 }, (_, i) => `k${i}`).join('\n')}\n`));
    expect(inferSchema(many).labelColumn).toBeNull();
    // A float column named y is a measurement, not a class id: it stays numeric.
    const measured = await loadTable('y.csv', bytes('y\n2.5\n-1.25\n2.5\n'));
    expect(inferSchema(measured).labelColumn).toBeNull();
    expect(measured.columns[0].type).toBe('numeric');
  });

  it('makes a numeric label categorical on load (Class 0/1 → ["0", "1"])', async () => {
    const t = await loadTable('c.csv', bytes('v,Class\n0.5,0\n1.5,1\n2.5,0\n3,\n'));
    const c = cat(t, 'Class');
    expect(c.dictionary).toEqual(['0', '1']);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, -1]);
    expect(inferSchema(t).columns[1]).toMatchObject({ kind: 'label', type: 'categorical', missing: 1, distinct: 2 });
  });

  it('detects image paths in text columns and handles empty tables', () => {
    const paths: Table = { n: 2, columns: [{ name: 'file', type: 'text', values: ['x/a.webp', null] }] };
    expect(inferSchema(paths).columns[0]).toMatchObject({ kind: 'image', missing: 1, distinct: 1 });
    const empty: Table = { n: 0, columns: [{ name: 'v', type: 'numeric', values: new Float32Array(0) }] };
    expect(inferSchema(empty).columns[0]).toEqual({ name: 'v', type: 'numeric', kind: 'numeric', missing: 0 });
  });
});
