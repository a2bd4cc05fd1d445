/**
 * A folder of texts picked with the page's directory picker (browser mode): it opens as the
 * table the backend builds by path (a row per file, the subfolder as label, a bad file kept as
 * a row with its problem), becomes a project through openProjectFor, and USE-lite embeds its texts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, reloadPage, screenshot, useSession } from './harness.ts';
import { waitForLayout } from './map-helpers.ts';

let page: Page;
useSession((s) => ({ page } = s));

const root = mkdtempSync(join(tmpdir(), 'mt-e2e-texts-'));
const folder = join(root, 'my-notes');
const PETS = ['my cat sleeps on the sofa all day', 'the dog barks at the postman', 'our kitten chased a toy mouse', 'walking the puppy in the park', 'the cat purrs when fed', 'dogs love long walks', 'the hamster runs on its wheel', 'a parrot that talks all day'];
const MONEY = ['the bank raised interest rates', 'stocks fell sharply on monday', 'my savings account pays little', 'the loan has a fixed rate', 'investors sold their bonds', 'inflation eats your salary', 'the pension fund grew this year', 'taxes are due in april'];
/** Two subfolders (the labels) of .txt/.md/.eml files and one empty file: more rows than UMAP's 15 neighbours, so the map lays out. */
const FILES: Record<string, string> = {
  ...Object.fromEntries(PETS.map((t, i) => [`pets/${i}.txt`, `${t}\n`])),
  ...Object.fromEntries(MONEY.map((t, i) => [`money/${i}.${i % 2 ? 'md' : 'txt'}`, `${t}\n`])),
  'pets/vet.eml': 'From: vet@example.com\nSubject: Kitten checkup\n\nYour kitten is due for a checkup next week.\n',
  'money/loan.eml': 'From: bank@example.com\nSubject: Your loan\n\nThe loan has a fixed rate of four percent.\n',
  'money/empty.txt': '',
};
for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(join(folder, path.split('/')[0]), { recursive: true });
  writeFileSync(join(folder, path), text);
}

describe('a folder of texts, picked in the page', () => {
  it('opens as a table of texts with the subfolder as label and the empty file listed as a problem', async () => {
    await page.getByTestId('demo-emoji').waitFor();
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('folder-input').setInputFiles(folder);
    await page.getByTestId('tab-schema').click();
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('dataset-name').textContent()).toBe('my-notes');
    expect(await page.getByTestId('row-count').textContent()).toBe(String(Object.keys(FILES).length));
    const row = (name: string) => page.getByTestId('schema-row').filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
    expect(await row('label').locator('.kind').textContent()).toBe('label');
    expect(await row('text').count()).toBe(1);
    expect(await row('subject').count()).toBe(1);
    expect(await row('problem').count()).toBe(1);
    // Opened through openProjectFor: the page's table made a project (the URL names it).
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/project=/);
    await screenshot(page, 'texts-folder-schema');
  });

  it('offers USE-lite (not MobileNetV2) and computes it on the text column', async () => {
    await page.getByTestId('tab-map').click();
    await page.getByTestId('map-screen').waitFor();
    expect(await page.getByTestId('compute-embeddings-mobilenet').count()).toBe(0);
    await page.getByTestId('compute-embeddings-use').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid=embedding-picker]') as HTMLSelectElement | null)?.value === 'use_lite', null, { timeout: 120_000 });
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('Universal Sentence Encoder lite');
    await screenshot(page, 'texts-folder-map');
    expect(jsErrors(page)).toEqual([]);
  }, 180_000);

  it('reloaded, the project asks for the folder again (its files were in the page), and picking it reopens the texts', async () => {
    const project = await page.getByTestId('project-name').textContent();
    await reloadPage(page);
    expect(await page.getByTestId('data-problem-message').textContent()).toMatch(/The files of "my-notes" were picked in the browser.*pick the folder "my-notes" again/);
    await page.getByTestId('locate-folder-input').setInputFiles(folder);
    await page.getByTestId('tab-map').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe(project);
    await page.getByTestId('tab-schema').click();
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe(String(Object.keys(FILES).length));
    expect(jsErrors(page)).toEqual([]);
  });
});
