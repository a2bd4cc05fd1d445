/**
 * Which TensorFlow.js backend training runs on. Preference order: 'tensorflow' (tfjs-node's
 * native libtensorflow, where it installed), then 'wasm' (SIMD on, threads off: the threaded
 * build needs cross-origin isolation in browsers), then 'cpu' (plain JS, ~3× slower, same
 * results). The same training code runs on all three; the UI shows the answer.
 *
 * This file is portable (worker, Node, tests). Environment-specific set-up is injected with
 * `configureBackend`: the browser worker passes the .wasm URLs that Vite emitted; Node
 * (backend.node.ts) passes a node_modules path and a loader for tfjs-node.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendInfo = { name: BackendName; simd: boolean };
/** A directory/URL prefix ending in '/', or one URL per .wasm file name. */
export type WasmLocation = Parameters<typeof setWasmPaths>[0];

export type BackendEnv = {
  /** Where the wasm binaries are. Without it, wasm is skipped (it could not find its files). */
  wasmPaths?: WasmLocation;
  /** Loads tfjs-node (registers the 'tensorflow' backend); false or a throw when unavailable. */
  loadNative?: () => Promise<boolean>;
};

let env: BackendEnv = {};
let lastInfo: BackendInfo | null = null;
let current: Promise<BackendInfo> | null = null;
let currentPref: BackendName | 'auto' | null = null;

/** Sets where binaries come from; call before initBackend (later calls reset the choice). */
export function configureBackend(next: BackendEnv): void {
  env = { ...env, ...next };
  current = null;
}

/**
 * Picks and readies a backend. `pref` forces one (falling back down the list if it cannot
 * start); 'auto' (default) takes the best available. Idempotent for the same preference.
 */
export function initBackend(pref: BackendName | 'auto' = 'auto'): Promise<BackendInfo> {
  if (current && currentPref === pref) return current;
  currentPref = pref;
  current = choose(pref).then((info) => (lastInfo = info));
  return current;
}

/** What initBackend chose (or, if it never ran, whatever tf is using now). */
export function backendInfo(): BackendInfo {
  const name = currentBackend();
  return lastInfo && lastInfo.name === name ? lastInfo : { name, simd: name === 'tensorflow' };
}

/** The backend in use right now, without changing it. */
export function currentBackend(): BackendName {
  const name = tf.getBackend();
  return name === 'tensorflow' || name === 'wasm' ? name : 'cpu';
}

async function choose(pref: BackendName | 'auto'): Promise<BackendInfo> {
  const order: BackendName[] = pref === 'wasm' ? ['wasm', 'cpu'] : pref === 'cpu' ? ['cpu'] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (await tryBackend(name)) return { name, simd: name === 'wasm' ? await wasmSimd() : name === 'tensorflow' };
  }
  throw new Error('No TensorFlow.js backend could start (tried ' + order.join(', ') + ')');
}

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      if (!tf.findBackendFactory('tensorflow')) {
        if (!env.loadNative || !(await env.loadNative())) return false;
      }
    } else if (name === 'wasm') {
      if (!tf.findBackendFactory('wasm')) return false;
      if (tf.getBackend() !== 'wasm') {
        if (env.wasmPaths === undefined) return false;
        // Threads need SharedArrayBuffer + cross-origin isolation; SIMD alone gives the speed.
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        setWasmPaths(completePaths(env.wasmPaths));
      }
    }
    if (tf.getBackend() === name) return true;
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    // A native addon that is not installed, a .wasm that cannot be fetched: try the next one.
    return false;
  }
}

/**
 * setWasmPaths with a map insists on an entry for every binary, the threaded one included,
 * although with threads off it is never fetched: point that entry at the SIMD build.
 */
function completePaths(paths: WasmLocation): WasmLocation {
  if (typeof paths === 'string') return paths;
  const simd = paths['tfjs-backend-wasm-simd.wasm'];
  return simd && !paths['tfjs-backend-wasm-threaded-simd.wasm'] ? { ...paths, 'tfjs-backend-wasm-threaded-simd.wasm': simd } : paths;
}

async function wasmSimd(): Promise<boolean> {
  try {
    return Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  } catch {
    return false;
  }
}
