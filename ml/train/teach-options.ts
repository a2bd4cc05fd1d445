/**
 * The teach panel's settings and how they become a training job's options. One place, so the
 * app and the simulated sessions of bench/teach.ts train exactly alike.
 */
import type { TrainInput } from './types.ts';

export type TeachSettings = {
  hidden: number;
  epochs: number;
  learningRate: number;
  dropout: number;
  seed: number;
};

export const DEFAULT_SETTINGS: TeachSettings = { hidden: 64, epochs: 30, learningRate: 0.003, dropout: 0.2, seed: 1 };

/** Few labels, often unbalanced: balanced class weights, validation chosen by label count. */
export function teachOptions(s: TeachSettings): Omit<TrainInput, 'x' | 'dim' | 'rows' | 'y' | 'classes'> {
  return { hidden: s.hidden, epochs: s.epochs, learningRate: s.learningRate, dropout: s.dropout, seed: s.seed, classWeights: 'balanced', validation: 'auto' };
}
