/**
 * The one IPC channel's handler: answers only the app window, from a frame showing the app's
 * own bundle, and only calls that validate (dispatch checks every argument deeply).
 */
import type { MachineTeacherApi } from '../../ml/api.ts';
import { dispatch, type DispatchResult } from '../backend/dispatch.ts';
import { isTrustedSender } from '../trust.ts';
import { APP_ROOT } from './config.ts';

/** The parts of an IpcMainInvokeEvent the handler reads. */
export type InvokeEvent = { sender: unknown; senderFrame: { url: string } | null | undefined };

export const REFUSED: DispatchResult = { ok: false, error: { message: 'Refused: the request did not come from the app window.' } };

export function ipcHandler(api: MachineTeacherApi, appContents: () => unknown) {
  return async (event: InvokeEvent, method: unknown, args: unknown): Promise<DispatchResult> => {
    if (!isTrustedSender({ frameUrl: event.senderFrame?.url, sender: event.sender }, appContents(), APP_ROOT)) return REFUSED;
    return dispatch(api, method, args);
  };
}
