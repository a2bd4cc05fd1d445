/**
 * "Open a folder of images…": the native folder dialog on the desktop, the browser's directory
 * picker in browser mode (the files stay in the page). Drop a folder on the start screen to do
 * the same (see droppedFolder in open-folder.ts).
 */
import { useRef } from 'react';
import { isDesktop } from '../api/client.ts';
import { run } from '../actions/registry.ts';
import { openFolderDialog, openPicked } from './actions.ts';

export function OpenFolderButton() {
  const input = useRef<HTMLInputElement>(null);
  const pick = () => {
    if (isDesktop) void run(openFolderDialog);
    else input.current?.click();
  };
  return (
    <>
      <button onClick={() => void pick()} data-testid="open-folder">Open a folder of images…</button>
      <input
        ref={(el) => {
          input.current = el;
          // React has no prop for it: the directory picker is an attribute.
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        multiple
        data-testid="folder-input"
        onChange={(e) => {
          const files = e.target.files ? Array.from(e.target.files) : [];
          e.target.value = '';
          if (files.length > 0) void run(openPicked, files);
        }}
      />
    </>
  );
}
