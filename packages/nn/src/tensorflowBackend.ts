/**
 * Chooses and initialises the TensorFlow.js backend once per process: the native
 * `@tensorflow/tfjs-node` binding when the user has installed it themselves (its install downloads
 * a binary, so it is never a dependency of ours), otherwise the WASM backend, whose .wasm files ship
 * inside `@tensorflow/tfjs-backend-wasm` and load from disk — no network.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** A backend this package can run on. `tensorflow` is tfjs-node's native binding. */
export const TensorFlowBackend = {
  Wasm: 'wasm',
  Cpu: 'cpu',
  Native: 'tensorflow',
} as const;
/** One of {@link TensorFlowBackend}. */
export type TensorFlowBackend = (typeof TensorFlowBackend)[keyof typeof TensorFlowBackend];

/** What {@link useTensorFlowBackend} may pick: a backend, or `auto` (native when installed, else WASM). */
export type BackendPreference = TensorFlowBackend | 'auto';

let wasmPathsSet = false;
let nativeTried: Promise<boolean> | null = null;

async function tryNative(): Promise<boolean> {
  nativeTried ??= (async () => {
    // A computed specifier keeps bundlers and tsc from resolving the optional package.
    const specifier = ['@tensorflow', 'tfjs-node'].join('/');
    try {
      await import(specifier);
      return tf.findBackend(TensorFlowBackend.Native) !== undefined;
    } catch {
      return false;
    }
  })();
  return nativeTried;
}

function pointWasmAtItsFiles(): void {
  if (wasmPathsSet) return;
  const require = createRequire(import.meta.url);
  // The package's main file sits in dist/, beside the .wasm binaries.
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  wasmPathsSet = true;
}

/**
 * Makes `preference` the active TensorFlow.js backend (idempotent) and returns the one in use.
 * `auto` picks tfjs-node when it is installed and loads, else WASM. Results are deterministic for a
 * given seed on `wasm` and `cpu`; the native backend may use multithreaded kernels.
 *
 * @throws {Error} when the requested backend cannot initialise (e.g. `tensorflow` not installed).
 * @example
 * await useTensorFlowBackend('wasm'); // → 'wasm'
 */
export async function useTensorFlowBackend(preference: BackendPreference = 'auto'): Promise<TensorFlowBackend> {
  let wanted: TensorFlowBackend;
  if (preference === 'auto') {
    wanted = (await tryNative()) ? TensorFlowBackend.Native : TensorFlowBackend.Wasm;
  } else if (preference === TensorFlowBackend.Native) {
    if (!(await tryNative())) {
      throw new Error('TensorFlow.js backend "tensorflow" needs @tensorflow/tfjs-node, which is not installed; use "wasm"');
    }
    wanted = preference;
  } else {
    wanted = preference;
  }
  if (wanted === TensorFlowBackend.Wasm) pointWasmAtItsFiles();
  if (tf.getBackend() !== wanted) {
    const ok = await tf.setBackend(wanted);
    if (!ok) throw new Error(`TensorFlow.js backend "${wanted}" failed to initialise`);
  }
  await tf.ready();
  return wanted;
}
