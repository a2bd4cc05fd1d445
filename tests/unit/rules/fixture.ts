/** A hand-checkable 8-row table and rule set shared by the stats, classifier and metrics tests. */
import type { RuleSet } from '../../../ml/rules/spec.ts';
import type { Table } from '../../../ml/table/types.ts';
import { parseRules } from '../../../ml/rules/text.ts';

export const small: Table = {
  n: 8,
  columns: [
    { name: 'x', type: 'numeric', values: new Float32Array([0, 1, 2, 3, 4, 5, 6, NaN]) },
    { name: 'g', type: 'categorical', dictionary: ['A', 'B'], codes: new Int32Array([0, 1, 0, 1, 0, 1, -1, 0]) },
    //                                                            bad  bad good bad good good bad good
    { name: 'label', type: 'categorical', dictionary: ['bad', 'good'], codes: new Int32Array([0, 0, 1, 0, 1, 1, 0, 1]) },
    { name: 'num', type: 'numeric', values: new Float32Array([1, 1, 0, 1, 0, 0, 1, 0]) },
  ],
};

//   rows covered:  r1 {4,5,6}   r2 {0,2,4,7}   r3 {0,1}   r4 (disabled) {0..6}
export const smallRules: RuleSet = {
  rules: parseRules(['x >= 4 => good', 'g in {"A"} => bad', 'x < 2 => bad', 'disabled: x >= 0 => good'].join('\n')).rules,
  defaultClass: null,
};
