/**
 * Streaming gunzip with a bomb check. Output is handed on as it is inflated, so a gzipped
 * CSV is parsed as it arrives; input is fed in 64 KiB slices so the ratio is checked before
 * much output exists. Multi-member files (`cat a.gz b.gz`) are read whole, as gzip does.
 */
import { Gunzip } from 'fflate';
import type { LoadLimits } from './limits.ts';
import { LoadError } from './types.ts';

const SLICE = 1 << 16;

export class GunzipStage {
  private readonly inflater: Gunzip;
  private inBytes = 0;
  private outBytes = 0;

  constructor(private readonly file: string, private readonly limits: Pick<LoadLimits, 'gzipRatio' | 'gzipFreeBytes'>, onData: (bytes: Uint8Array) => void) {
    this.inflater = new Gunzip((data) => {
      this.outBytes += data.length;
      if (this.outBytes > this.limits.gzipFreeBytes && this.outBytes > this.limits.gzipRatio * this.inBytes) {
        const mb = Math.round(this.outBytes / 2 ** 20);
        throw new LoadError(`the gzip data expands more than ${this.limits.gzipRatio}× (a gzip bomb?): refused after ${mb} MB from ${Math.ceil(this.inBytes / 1024)} KB`, { file: this.file, byte: this.inBytes });
      }
      if (data.length) onData(data);
    });
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += SLICE) {
      const slice = bytes.subarray(at, at + SLICE);
      this.inBytes += slice.length;
      this.inflate(slice, false);
    }
  }

  finish(): void {
    this.inflate(new Uint8Array(0), true);
  }

  private inflate(bytes: Uint8Array, final: boolean): void {
    try {
      this.inflater.push(bytes, final);
    } catch (err) {
      if (err instanceof LoadError) throw err;
      throw new LoadError(`not a valid gzip file (truncated or corrupt?): ${err instanceof Error ? err.message : String(err)}`, { file: this.file, byte: this.inBytes });
    }
  }
}
