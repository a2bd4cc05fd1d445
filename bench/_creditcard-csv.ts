/**
 * Writes the SYNTHETIC credit-card-shaped table (ml/table/generate-creditcard.ts: Time,
 * V1..V28, Amount, Class; seed 1) as a CSV file of any number of rows, streamed to disk in
 * chunks. Used by `bench load` and by the 2,000,000-row end-to-end test.
 */
import { createWriteStream } from 'node:fs';
import { csvChunks } from '../ml/table/csv-write.ts';
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';

export async function writeCreditCardCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of csvChunks(generateCreditCard({ seed: 1, n: rows }), 20_000)) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
