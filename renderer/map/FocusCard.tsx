/**
 * The item card: the item shown large with its facts, buttons to label it with each class (the
 * digit keys do the same while the card is open), "similar to this" and "select it".
 */
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { rowClasses, UNLABELLED } from '../../ml/project/label-delta.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { focusItem, labelFocused, openViewer, select, similarTo } from './actions.ts';
import { hasImages } from '../media/MediaThumb.tsx';
import { mapStore } from './map-store.ts';
import { ItemPreview } from './items.tsx';
import { Facts } from './Tooltip.tsx';

export function FocusCard() {
  const dataset = appStore.use((s) => s.dataset);
  const focus = mapStore.use((s) => s.focus);
  const labels = projectStore.use((s) => s.doc.labels);
  const colourOf = useClassColours();
  if (!dataset || focus < 0) return null;
  const current = rowClasses(labels, dataset.table.n)[focus];
  const classes = labels?.classes ?? [];
  return (
    <div className="focus-card" data-testid="focus-card">
      <header><span>Item #{focus}</span><button className="map-icon" onClick={() => run(focusItem, { row: -1 })} aria-label="Close">×</button></header>
      <ItemPreview dataset={dataset} row={focus} />
      <Facts dataset={dataset} row={focus} />
      {classes.length ? (
        <div className="focus-label" aria-label="Label this item">
          {classes.map((c, i) => (
            <button key={`${i}:${c}`} className={current === i ? 'on' : ''} onClick={() => run(labelFocused, { classIndex: i })} data-testid={`card-label-${i}`} title={i < 9 ? `key ${i + 1}` : undefined}>
              <span className="dot" style={{ background: colourOf(c) }} />{c}{i < 9 ? <kbd>{i + 1}</kbd> : null}
            </button>
          ))}
          {current !== UNLABELLED ? <button onClick={() => run(labelFocused, { classIndex: UNLABELLED })} title="key 0">unlabel <kbd>0</kbd></button> : null}
        </div>
      ) : null}
      <div className="focus-actions">
        <button onClick={() => run(similarTo, { rows: Uint32Array.of(focus), of: `item #${focus}` })} data-testid="similar-to-this">Similar to this</button>
        <button onClick={() => run(select, { rows: Uint32Array.of(focus) })}>Select it</button>
        {hasImages(dataset) ? <button onClick={() => run(openViewer, { row: focus })} data-testid="view-large">Large view</button> : null}
      </div>
    </div>
  );
}
