/** Options every pretrained embedder takes: it works in batches, says how far it got, and stops when asked. */
export type EmbedOptions = {
  batchSize?: number;
  /** Called after each batch with items done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; an aborted run throws the signal's reason and keeps nothing. */
  signal?: AbortSignal;
};

/** n grey images of width×height, one byte per pixel, row-major, image after image. */
export type GreyImages = { n: number; width: number; height: number; pixels: Uint8Array };

/** Lets the event loop (and a worker's message handler) run between batches, so cancel is seen. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
