/**
 * Which IPC messages the main process answers: only those from the app's own window, whose
 * frame shows our own renderer files. Kept free of Electron imports so it is unit-tested here,
 * where the Electron binary cannot run.
 */
export type SenderInfo = { frameUrl: string | undefined; sender: unknown };

export function isTrustedSender(from: SenderInfo, appWindowContents: unknown, rendererRoot: string): boolean {
  if (appWindowContents === null || appWindowContents === undefined) return false;
  const url = from.frameUrl ?? '';
  // A prefix check alone would accept file:///app/dist/renderer-evil/…; require the folder boundary.
  const root = rendererRoot.endsWith('/') ? rendererRoot : `${rendererRoot}/`;
  return url.startsWith(root) && from.sender === appWindowContents;
}

/** Navigation inside the window may only go to our own files. */
export function isOwnUrl(url: string, rendererRoot: string): boolean {
  const root = rendererRoot.endsWith('/') ? rendererRoot : `${rendererRoot}/`;
  return url.startsWith(root);
}
