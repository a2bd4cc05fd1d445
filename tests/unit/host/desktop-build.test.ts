/**
 * The desktop entry cannot launch here (no Electron binary), so check what we can: it builds,
 * the sandboxed preload is self-contained (a sandboxed preload may require only 'electron'),
 * and the window is created with the security settings the architecture requires (their
 * behaviour is tested in desktop-security.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('desktop host build', () => {
  it('bundles main (ESM) and a self-contained sandboxed preload', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mt-electron-'));
    // @ts-expect-error build.mjs is plain JS without type declarations
    const { buildElectron } = (await import('../../../electron/build.mjs')) as { buildElectron(outDir: string): Promise<void> };
    await buildElectron(out);
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main.toLowerCase()).toContain('content-security-policy');
    expect(main).toContain('registerSchemesAsPrivileged');
  });
});
