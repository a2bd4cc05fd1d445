/** The start screen: open a file (dialog, picker, drag-drop or the command line's) or one of the demo datasets. */
import { useEffect, useRef, useState } from 'react';
import type { DemoInfo } from '../../ml/api.ts';
import { appStore } from '../store/app.ts';
import { isDesktop } from '../api/client.ts';
import { loadStartupFiles, openHostFile, startupStore } from '../dataset/open.ts';
import { run } from '../actions/registry.ts';
import { openDemoAction, openDialog, openFileAction } from '../dataset/actions.ts';
import { OpenFolderButton } from '../media/OpenFolder.tsx';
import { droppedFolder } from '../media/open-folder.ts';
import { openDropped } from '../media/actions.ts';
import { RecentProjects } from './RecentProjects.tsx';

const KIND_LABEL = { tabular: 'Table · rules', images: 'Images · map', text: 'Text · map' } as const;

export function StartScreen() {
  const demos = appStore.use((s) => s.demos);
  const startupFiles = startupStore.use((s) => s.files);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => { void loadStartupFiles(); }, []);

  const pick = () => {
    if (isDesktop) void run(openDialog);
    else input.current?.click();
  };

  return (
    <div
      className={`start ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const folder = droppedFolder(e.dataTransfer.items);
        if (folder) return void run(openDropped, folder);
        const file = e.dataTransfer.files[0];
        if (file) void run(openFileAction, file);
      }}
    >
      <header className="start-hero">
        <h1>Machine Teacher</h1>
        <p>Look at your data, draw the rules you know, label a few clusters, teach a small model — then see what it adds over your rules.</p>
      </header>
      <section className="start-open">
        <button className="primary" onClick={pick} data-testid="open-file">Open a file…</button>
        <OpenFolderButton />
        <span className="muted">CSV, TSV, Parquet, Arrow, JSON/JSONL, or a folder of images (JPEG, PNG, WebP, GIF, BMP) — or drop one anywhere here.</span>
        <input
          ref={input}
          type="file"
          hidden
          data-testid="file-input"
          accept=".csv,.tsv,.txt,.parquet,.arrow,.feather,.ipc,.json,.jsonl,.ndjson,.gz"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void run(openFileAction, file);
          }}
        />
      </section>
      {startupFiles.length ? (
        <section>
          <h2>From the command line</h2>
          <div className="demo-grid">
            {startupFiles.map((f, i) => (
              <button key={f.path} className="demo-card" data-testid={`startup-file-${i}`} onClick={() => void openHostFile(f)}>
                <strong>{f.name}</strong>
                <span className="muted small">{f.path} · {(f.size / 2 ** 20).toFixed(1)} MB</span>
              </button>
            ))}
          </div>
        </section>
      ) : null}
      <RecentProjects />
      <section>
        <h2>Demo datasets</h2>
        <div className="demo-grid">
          {demos.map((d) => <DemoCard key={d.id} demo={d} />)}
        </div>
      </section>
    </div>
  );
}

/** One demo; a demo that comes in several sizes (the synthetic table) has a size choice under its card. */
function DemoCard({ demo: d }: { demo: DemoInfo }) {
  const [sizeId, setSizeId] = useState(d.id);
  const rows = d.sizes?.find((z) => z.id === sizeId)?.rows ?? d.rows;
  const title = sizeId === d.id ? d.title : `${d.title}, ${rows.toLocaleString()} rows`;
  return (
    <div className="demo-card-wrap">
      <button className="demo-card" data-testid={`demo-${d.id}`} onClick={() => void run(openDemoAction, { id: sizeId, title })}>
        <span className="demo-kind">{KIND_LABEL[d.kind]}{d.synthetic ? ' · synthetic' : ''}</span>
        <strong>{d.title}</strong>
        <span>{d.description}</span>
        <span className="muted small">{rows.toLocaleString()} rows{d.synthetic ? ' (SYNTHETIC)' : ''} · {d.source} · {d.licence}</span>
      </button>
      {d.sizes && d.sizes.length > 1 ? (
        <label className="demo-size muted small">
          Size{d.synthetic ? ' (SYNTHETIC)' : ''}{' '}
          <select value={sizeId} onChange={(e) => setSizeId(e.target.value)} data-testid={`demo-size-${d.id}`}>
            {d.sizes.map((z) => <option key={z.id} value={z.id}>{z.rows.toLocaleString()} rows</option>)}
          </select>
        </label>
      ) : null}
    </div>
  );
}
