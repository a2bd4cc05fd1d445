/**
 * Rules are data: a JSON spec that brushes edit, that compiles to a mask, to text and to SQL.
 * Text form: `V14 < -4.2 and V17 in [-9, -2] => fraud`.
 */

/** A numeric range; an open side is null. `lo`/`hi` inclusive unless the matching *Open flag says strict. */
export type RangeCond = { op: 'range'; column: string; lo: number | null; hi: number | null; loOpen?: boolean; hiOpen?: boolean };
/** Categorical membership (`in {"a", "b"}`); `negate` gives `not in`. */
export type InCond = { op: 'in'; column: string; values: string[]; negate?: boolean };
export type MissingCond = { op: 'missing'; column: string };
export type AndCond = { op: 'and'; of: Condition[] };
export type OrCond = { op: 'or'; of: Condition[] };
export type NotCond = { op: 'not'; of: Condition };
export type Condition = RangeCond | InCond | MissingCond | AndCond | OrCond | NotCond;

export type Rule = {
  id: string;
  name: string;
  /** Class the rule predicts when it matches (a label value, e.g. "bad" or "1"). */
  target: string;
  when: Condition;
  enabled: boolean;
};

/** Ordered: earlier rules win (priority = position). */
export type RuleSet = { rules: Rule[]; defaultClass: string | null };

export const ABSTAIN = -1;
