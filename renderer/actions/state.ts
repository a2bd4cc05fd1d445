/**
 * What an action sees (`ActionState`: every store, read-only, read when asked) and what it
 * may ask to change in the view (`ViewPatch`: one partial per view store). The registry is
 * the only code that turns a ViewPatch into store writes.
 */
import type { OpenedDataset, ProjectDoc, ProjectUi } from '../../ml/api.ts';
import { appStore, type AppState } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { rulesView, selectionStore, type RulesViewState, type Selection } from '../rules/store.ts';
import { mapStore, type MapState } from '../map/map-store.ts';
import { queueStore, type QueueState } from '../model/queue-store.ts';
import { teachStore, type TeachState } from '../model/teach-store.ts';
import { modelStore, type ModelState } from '../model/model-store.ts';
import { compareStore, type CompareState } from '../compare/compare-store.ts';
import { suggestStore, type SuggestState } from '../rules/suggest-store.ts';

export type ActionState = {
  readonly dataset: OpenedDataset | null;
  readonly doc: ProjectDoc;
  readonly ui: ProjectUi;
  readonly app: AppState;
  readonly rules: RulesViewState;
  readonly brushSelection: Selection;
  readonly map: MapState;
  readonly queue: QueueState;
  readonly teach: TeachState;
  readonly model: ModelState;
  readonly compare: CompareState;
  readonly suggest: SuggestState;
};

export type ViewPatch = {
  app?: Partial<AppState>;
  rules?: Partial<RulesViewState>;
  map?: Partial<MapState>;
  queue?: Partial<QueueState>;
  teach?: Partial<TeachState>;
  compare?: Partial<CompareState>;
  suggest?: Partial<SuggestState>;
  /** View state saved with the project (restored on open). */
  ui?: Partial<ProjectUi>;
};

/** The live state; each field reads its store when accessed. */
export const actionState: ActionState = {
  get dataset() { return appStore.get().dataset; },
  get doc() { return projectStore.get().doc; },
  get ui() { return projectStore.get().ui; },
  get app() { return appStore.get(); },
  get rules() { return rulesView.get(); },
  get brushSelection() { return selectionStore.get(); },
  get map() { return mapStore.get(); },
  get queue() { return queueStore.get(); },
  get teach() { return teachStore.get(); },
  get model() { return modelStore.get(); },
  get compare() { return compareStore.get(); },
  get suggest() { return suggestStore.get(); },
};
