/** An open dataset: a tab per view (schema, rules, map, model). */
import { appStore } from '../store/app.ts';
import { VIEWS } from './views.tsx';
import { run } from '../actions/registry.ts';
import { showView } from './actions.ts';

export function DatasetScreen() {
  const dataset = appStore.use((s) => s.dataset);
  const view = appStore.use((s) => s.view);
  if (!dataset) return null;
  const views = VIEWS.filter((v) => v.available(dataset));
  const active = views.find((v) => v.id === view) ?? views[0];
  return (
    <div className="dataset">
      <nav className="tabs" role="tablist">
        {views.map((v) => (
          <button key={v.id} role="tab" aria-selected={v === active} className={v === active ? 'active' : ''} onClick={() => run(showView, v.id)} data-testid={`tab-${v.id}`}>
            {v.title}
          </button>
        ))}
      </nav>
      <div className="view">{active.render()}</div>
    </div>
  );
}
