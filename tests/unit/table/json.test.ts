import { describe, expect, it } from 'vitest';
import { loadTable, LoadError } from '../../../ml/table/index.ts';
import { JsonLinesParser } from '../../../ml/table/json.ts';
import { bytes, catValues, errorOf, num } from './helpers.ts';

describe('JSON loader', () => {
  it('reads an array of objects, keys in order of first appearance, absent keys missing', async () => {
    const t = await loadTable('a.json', bytes('[{"a":1,"b":"x"},{"a":2.5,"c":true},{"b":null,"a":null}]'));
    expect(t.n).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const a = num(t, 'a');
    expect([a[0], a[1], Number.isNaN(a[2])]).toEqual([1, 2.5, true]);
    expect(catValues(t, 'b')).toEqual(['x', null, null]);
    expect(catValues(t, 'c')).toEqual([null, 'true', null]);
  });

  it('reads an object of arrays, and keeps quoted numbers as strings', async () => {
    const t = await loadTable('o.json', bytes('{"x":[1,2,3],"code":["01","02","01"],"nested":[{"k":1},[1],null]}'));
    expect(num(t, 'x')).toEqual(new Float32Array([1, 2, 3]));
    expect(catValues(t, 'code')).toEqual(['01', '02', '01']);
    expect(catValues(t, 'nested')).toEqual(['{"k":1}', '[1]', null]);
  });

  it('reads JSON lines, skipping blank lines, also when a .json file holds lines', async () => {
    const text = '{"id":1,"label":"spam"}\n\n{"id":2,"label":"ham"}\r\n{"id":3,"label":"spam"}';
    for (const name of ['a.jsonl', 'a.ndjson', 'a.json']) {
      const t = await loadTable(name, bytes(text));
      expect(t.n).toBe(3);
      expect(catValues(t, 'label')).toEqual(['spam', 'ham', 'spam']);
    }
  });

  it('streams JSON lines across arbitrary chunk boundaries', async () => {
    const text = bytes('{"s":"é, ü"}\n{"s":"日本"}\n');
    const whole = await loadTable('w.jsonl', text);
    const p = new JsonLinesParser('w.jsonl');
    for (let at = 0; at < text.length; at += 3) p.push(text.subarray(at, at + 3));
    expect(p.finish()).toEqual(whole);
  });

  it('locates invalid JSON by line and column', async () => {
    const err = await errorOf(loadTable('bad.json', bytes('[{"a":1},\n{"a":2,,"b":3}]')));
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toBe("bad.json: invalid JSON at line 2, column 8: expected a property name in double quotes, found ','");
    const lines = await errorOf(loadTable('bad.jsonl', bytes('{"a":1}\n{"a":2}\n{"a":\n')));
    expect(lines.message).toMatch(/^bad\.jsonl: row 3: invalid JSON at column 6/);
  });

  it('says what shape was expected', async () => {
    expect((await errorOf(loadTable('n.json', bytes('42')))).message).toBe('n.json: expected a JSON array of objects or an object of arrays, found a number');
    expect((await errorOf(loadTable('r.json', bytes('[{"a":1},[2]]')))).message).toBe('r.json: row 2: expected an object with column names as keys, found an array');
    expect((await errorOf(loadTable('l.json', bytes('{"a":[1,2],"b":[1]}')))).message).toBe('l.json, column b: expected 2 values (like column "a"), found 1');
    expect((await errorOf(loadTable('e.json', bytes('  ')))).message).toMatch(/^e\.json: the file is empty/);
  });
});
