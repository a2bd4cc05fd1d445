/** The axes in display order and their preferences, from the project document (one hook for every reader). */
import { useMemo } from 'react';
import type { AxisPref } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { projectStore } from '../project/store.ts';
import { axisOrder } from './store.ts';

export function useAxes(table: Table): { order: string[]; prefs: Record<string, AxisPref> } {
  const axes = projectStore.use((s) => s.doc.axes);
  const label = projectStore.use((s) => s.doc.label);
  const order = useMemo(() => axisOrder(table, { axes, label }), [table, axes, label]);
  return { order, prefs: axes.prefs };
}
