/**
 * The one place both hosts (Electron IPC and browser-mode HTTP) turn a message into a
 * backend call: the method must be on the contract, the arguments must validate, and any
 * failure becomes an ApiErrorInfo the UI can show (located for bad files, never a stack).
 */
import { argsProblem, isApiMethod, type ApiErrorInfo, type MachineTeacherApi } from '../../ml/api.ts';
import { LoadError } from '../../ml/table/types.ts';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorInfo };

export function toErrorInfo(err: unknown): ApiErrorInfo {
  if (err instanceof LoadError) return { message: err.message, location: err.location };
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}

export async function dispatch(api: MachineTeacherApi, method: unknown, args: unknown): Promise<DispatchResult> {
  if (!isApiMethod(method)) return { ok: false, error: { message: `Unknown backend call: ${String(method).slice(0, 80)}` } };
  const problem = argsProblem(method, args);
  if (problem) return { ok: false, error: { message: `Invalid arguments for ${method}: ${problem}` } };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, args as unknown[]);
    return { ok: true, value: value ?? null };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
