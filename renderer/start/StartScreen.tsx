/** The start screen: open a file (dialog, picker, drag-drop or the command line's) or one of the demo datasets. */
import { useEffect, useRef, useState } from 'react';
import { appStore } from '../store/app.ts';
import { isDesktop } from '../api/client.ts';
import { loadStartupFiles, openBrowserFile, openDemo, openHostFile, openWithDialog, startupStore } from '../dataset/open.ts';

const KIND_LABEL = { tabular: 'Table · rules', images: 'Images · map', text: 'Text · map' } as const;

export function StartScreen() {
  const demos = appStore.use((s) => s.demos);
  const startupFiles = startupStore.use((s) => s.files);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => { void loadStartupFiles(); }, []);

  const pick = async () => {
    if (isDesktop && (await openWithDialog())) return;
    input.current?.click();
  };

  return (
    <div
      className={`start ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void openBrowserFile(file);
      }}
    >
      <header className="start-hero">
        <h1>Machine Teacher</h1>
        <p>Look at your data, draw the rules you know, label a few clusters, teach a small model — then see what it adds over your rules.</p>
      </header>
      <section className="start-open">
        <button className="primary" onClick={() => void pick()} data-testid="open-file">Open a file…</button>
        <span className="muted">CSV, TSV, Parquet, Arrow, JSON/JSONL — or drop a file anywhere here.</span>
        <input
          ref={input}
          type="file"
          hidden
          data-testid="file-input"
          accept=".csv,.tsv,.txt,.parquet,.arrow,.feather,.ipc,.json,.jsonl,.ndjson,.gz"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openBrowserFile(file);
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
      <section>
        <h2>Demo datasets</h2>
        <div className="demo-grid">
          {demos.map((d) => (
            <button key={d.id} className="demo-card" data-testid={`demo-${d.id}`} onClick={() => void openDemo(d.id, d.title)}>
              <span className="demo-kind">{KIND_LABEL[d.kind]}{d.synthetic ? ' · synthetic' : ''}</span>
              <strong>{d.title}</strong>
              <span>{d.description}</span>
              <span className="muted small">{d.rows.toLocaleString()} rows · {d.source} · {d.licence}</span>
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}
