/** Every action of the app, in one static list: the shortcut dispatcher, menus and the `?` list read it. */
import { APP_ACTIONS } from './app-actions.ts';
import { DATASET_ACTIONS } from '../dataset/actions.ts';
import { LABEL_CHOICE_ACTIONS } from '../dataset/label-actions.ts';
import { RULES_ACTIONS } from '../rules/actions.ts';
import { AXIS_ACTIONS } from '../rules/axis-actions.ts';
import { LABEL_ACTIONS } from '../labels/labels.ts';
import { MAP_ACTIONS } from '../map/actions.ts';
import { importEmbeddingFile } from '../map/ImportEmbeddings.tsx';
import { computeEmbeddings } from '../embed/ComputeEmbeddings.tsx';
import { TEACH_ACTIONS } from '../model/actions.ts';
import { cancelJob } from '../jobs/JobsBar.tsx';
import { MEDIA_ACTIONS } from '../media/actions.ts';
import { PROJECT_ACTIONS } from '../project/actions.ts';
import { COMPARE_ACTIONS } from '../compare/actions.ts';
import { SUGGEST_ACTIONS } from '../rules/suggest-actions.ts';
import type { AnyAction } from './types.ts';

export const ALL_ACTIONS: readonly AnyAction[] = [
  ...APP_ACTIONS, ...DATASET_ACTIONS, ...LABEL_CHOICE_ACTIONS, ...RULES_ACTIONS, ...AXIS_ACTIONS, ...LABEL_ACTIONS, ...MAP_ACTIONS,
  importEmbeddingFile, computeEmbeddings, ...TEACH_ACTIONS, cancelJob, ...MEDIA_ACTIONS, ...PROJECT_ACTIONS, ...COMPARE_ACTIONS, ...SUGGEST_ACTIONS,
];
