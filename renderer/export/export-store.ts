/** The Export… dialog: open or not, what is being written, and what the last export produced. */
import type { ExportBundleResult, ExportFileResult } from '../../ml/api.ts';
import { createStore } from '../store/create.ts';

export type ExportState = {
  open: boolean;
  busy: string | null;
  error: string | null;
  /** The last bundle written (its files and the command that runs it) or labels file. */
  bundle: ExportBundleResult | null;
  labels: ExportFileResult | null;
};

export const initialExport = (): ExportState => ({ open: false, busy: null, error: null, bundle: null, labels: null });
export const exportStore = createStore<ExportState>(initialExport());
