/**
 * The write lock of a project folder: `lock.json` with the owner's pid, session and host.
 * A lock whose pid is dead on this host is stale and taken over silently (the app was
 * killed); a live one means another window writes the project — the caller offers
 * read-only or take over. Two processes racing for a stale lock both write it; the one
 * whose record is not there afterwards (checked before every journal batch) stops writing.
 */
import { readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../ml/project/layout.ts';
import { writeSynced } from './durable.ts';

export type LockRecord = { app: 'machine-teacher'; pid: number; session: string; host: string; since: string };

export const thisHost = hostname();

export async function readLock(folder: string): Promise<LockRecord | null> {
  try {
    const v = JSON.parse(await readFile(join(folder, LOCK_FILE), 'utf8')) as Partial<LockRecord>;
    if (typeof v.pid !== 'number' || typeof v.session !== 'string') return null;
    return { app: 'machine-teacher', pid: v.pid, session: v.session, host: typeof v.host === 'string' ? v.host : '', since: typeof v.since === 'string' ? v.since : '' };
  } catch {
    // Missing, or cut short by a crash while being written: nobody holds it.
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a lock, seen from this process: nobody (stale or none), us, or someone else. */
export function lockState(lock: LockRecord | null): 'free' | 'this-process' | 'other-process' | 'other-computer' {
  if (!lock) return 'free';
  if (lock.host && lock.host !== thisHost) return 'other-computer';
  if (lock.pid === process.pid) return 'this-process';
  return isAlive(lock.pid) ? 'other-process' : 'free';
}

export async function writeLock(folder: string, session: string): Promise<LockRecord> {
  const record: LockRecord = { app: 'machine-teacher', pid: process.pid, session, host: thisHost, since: new Date().toISOString() };
  const target = join(folder, LOCK_FILE);
  await rename(await writeSynced(target, `${JSON.stringify(record)}\n`), target);
  return record;
}

/** Removes the lock if this process holds it. */
export async function releaseLock(folder: string): Promise<void> {
  const lock = await readLock(folder);
  if (lock && lock.pid === process.pid && lock.host === thisHost) await unlink(join(folder, LOCK_FILE)).catch(() => {});
}

/** Throws when the lock is no longer this process's (another app took the project over). */
export async function assertHeld(folder: string): Promise<void> {
  const lock = await readLock(folder);
  if (lock && (lock.pid !== process.pid || lock.host !== thisHost)) {
    throw new Error(`this project was taken over by another Machine Teacher (pid ${lock.pid}${lock.host !== thisHost ? ` on ${lock.host}` : ''})`);
  }
}
