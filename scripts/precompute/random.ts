/** Seeded shuffling for the precompute scripts (mulberry32 from ml/random.ts). */
export { mulberry32 } from '../../ml/random.ts';

/** Fisher–Yates in place with the given random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
