/**
 * The tabs of an open dataset. Each feature folder contributes one view; `available` says
 * whether it applies (e.g. the rules view needs numeric or categorical columns).
 */
import type { ReactNode } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import type { View } from '../store/app.ts';
import { SchemaView } from './SchemaView.tsx';
import { MapScreen } from '../map/MapScreen.tsx';
import { RulesView } from '../rules/RulesView.tsx';
import { ModelView } from '../model/ModelView.tsx';
import { CompareView } from '../compare/CompareView.tsx';

export type DatasetView = { id: View; title: string; key: string; available(d: OpenedDataset): boolean; render(): ReactNode };

export const VIEWS: DatasetView[] = [
  { id: 'schema', title: 'Schema', key: 's', available: () => true, render: () => <SchemaView /> },
  { id: 'rules', title: 'Rules', key: 'r', available: (d) => d.table.columns.some((c) => c.type === 'numeric' || c.type === 'categorical'), render: () => <RulesView /> },
  { id: 'map', title: 'Map', key: 'm', available: () => true, render: () => <MapScreen /> },
  { id: 'model', title: 'Model', key: 'o', available: () => true, render: () => <ModelView /> },
  { id: 'compare', title: 'Compare', key: 'c', available: () => true, render: () => <CompareView /> },
];
