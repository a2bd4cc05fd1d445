/**
 * Axis commands of the parallel coordinates: reorder, invert, scale, hide/show. Axes are part
 * of the project document, so each of these is one undo step and comes back on reload.
 */
import type { AxisPref } from '../../ml/api.ts';
import { defineAction } from '../actions/types.ts';
import type { ActionState } from '../actions/state.ts';
import { axisOrder, withAxisPref } from './store.ts';

const orderOf = (s: ActionState) => (s.dataset ? axisOrder(s.dataset.table, s.doc) : s.doc.axes.order);

export const moveAxis = defineAction<{ column: string; to: number }>({
  name: 'axis.move', label: 'Move an axis',
  perform: (s, { column, to }) => {
    const order = orderOf(s).filter((c) => c !== column);
    order.splice(Math.max(0, Math.min(order.length, to)), 0, column);
    return { change: { doc: { axes: { ...s.doc.axes, order } } }, label: `move axis ${column}` };
  },
});

const describe = (column: string, p: AxisPref) =>
  p.scale ? `${p.scale} scale on ${column}` : p.inverted !== undefined ? `${p.inverted ? 'invert' : 'un-invert'} ${column}` : p.hidden !== undefined ? `${p.hidden ? 'hide' : 'show'} axis ${column}` : `axis ${column}`;

export const setAxisPref = defineAction<{ column: string; pref: AxisPref }>({
  name: 'axis.pref', label: 'Invert, rescale or hide an axis',
  perform: (s, { column, pref }) => ({ change: { doc: { axes: withAxisPref(s.doc, column, pref) } }, label: describe(column, pref) }),
});

/** Shows exactly the given columns (the axis picker's "show all", "hide all", "top 10"). */
export const showAxes = defineAction<{ visible: readonly string[]; label: string }>({
  name: 'axis.show', label: 'Choose the axes shown',
  perform: (s, { visible, label }) => {
    const prefs = { ...s.doc.axes.prefs };
    for (const c of orderOf(s)) prefs[c] = { ...prefs[c], hidden: !visible.includes(c) };
    return { change: { doc: { axes: { ...s.doc.axes, prefs } } }, label };
  },
});

export const AXIS_ACTIONS = [moveAxis, setAxisPref, showAxes];
