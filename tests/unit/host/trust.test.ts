/** The desktop host's gatekeeping, tested without the Electron binary (it cannot run here). */
import { describe, expect, it } from 'vitest';
import { isOwnUrl, isTrustedSender } from '../../../electron/trust.ts';

const root = 'file:///opt/mt/dist/renderer';
const appWindow = { id: 'app-window-contents' };

describe('desktop IPC trust', () => {
  it('answers the app window showing our renderer', () => {
    expect(isTrustedSender({ frameUrl: `${root}/index.html`, sender: appWindow }, appWindow, root)).toBe(true);
  });

  it('refuses other windows, other pages, look-alike folders and a closed window', () => {
    expect(isTrustedSender({ frameUrl: `${root}/index.html`, sender: { id: 'other' } }, appWindow, root)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', sender: appWindow }, appWindow, root)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///opt/mt/dist/renderer-evil/index.html', sender: appWindow }, appWindow, root)).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, sender: appWindow }, appWindow, root)).toBe(false);
    expect(isTrustedSender({ frameUrl: `${root}/index.html`, sender: appWindow }, null, root)).toBe(false);
  });

  it('keeps navigation inside the app', () => {
    expect(isOwnUrl(`${root}/index.html#x`, root)).toBe(true);
    expect(isOwnUrl('https://example.com', root)).toBe(false);
  });
});
