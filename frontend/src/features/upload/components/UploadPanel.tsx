import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { Link } from 'react-router';
import { formatBytes } from '../../../lib/format';
import { emptyOptions, type AnalysisOptions } from '../api/upload';
import { useUploads, type UploadItem } from '../hooks/use-uploads';

const STATE_TEXT: Record<UploadItem['state'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  done: 'Uploaded',
  failed: 'Rejected',
};

function UploadRow({ item, onDismiss }: { item: UploadItem; onDismiss: () => void }) {
  const percent = Math.round(item.progress * 100);
  return (
    <li className={`upload-row upload-${item.state}`} aria-label={`Upload of ${item.file.name}`}>
      <div className="upload-head">
        <span className="file-name" title={item.file.name}>{item.file.name}</span>
        <span className="muted">{formatBytes(item.file.size)}</span>
        <span className="upload-state">{STATE_TEXT[item.state]}</span>
        {item.jobId && <Link to={`/jobs/${encodeURIComponent(item.jobId)}`}>View job</Link>}
        <button type="button" className="button link" onClick={onDismiss} aria-label={`${item.state === 'uploading' ? 'Cancel upload of' : 'Dismiss'} ${item.file.name}`}>
          {item.state === 'uploading' ? 'Cancel' : 'Dismiss'}
        </button>
      </div>
      {(item.state === 'uploading' || item.state === 'waiting') && (
        <progress max={100} value={percent} aria-label={`Upload progress of ${item.file.name}`}>{percent} %</progress>
      )}
      {item.state === 'failed' && (
        <p role="alert" className="error-text">
          {item.error}
        </p>
      )}
    </li>
  );
}

/** Drop zone and file picker with optional analysis hints; each file is uploaded on its own. */
export function UploadPanel() {
  const { items, add, dismiss, clearFinished } = useUploads();
  const [options, setOptions] = useState<AnalysisOptions>(emptyOptions);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const addFiles = (list: FileList | null) => {
    if (list && list.length > 0) add(Array.from(list), options);
  };
  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    addFiles(event.target.files);
    event.target.value = '';
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };
  const setOption = (name: keyof AnalysisOptions) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setOptions((current) => ({ ...current, [name]: event.target.value }));

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upload files</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop CSV, TSV, text or log files here, or</p>
        <button type="button" className="button primary" onClick={() => inputRef.current?.click()}>
          Choose files…
        </button>
        <input ref={inputRef} id={`${id}-files`} type="file" multiple className="visually-hidden" onChange={onPick} aria-label="Files to analyse" data-testid="file-input" />
      </div>
      <details className="options">
        <summary>Analysis options (optional)</summary>
        <div className="options-grid">
          <label>
            User column
            <input value={options.userColumn} onChange={setOption('userColumn')} placeholder="detected" />
          </label>
          <label>
            Timestamp column
            <input value={options.timestampColumn} onChange={setOption('timestampColumn')} placeholder="detected" />
          </label>
          <label>
            Delimiter
            <select value={options.delimiter} onChange={setOption('delimiter')}>
              <option value="">Detect</option>
              <option value=",">Comma (,)</option>
              <option value=";">Semicolon (;)</option>
              <option value={'\\t'}>Tab</option>
              <option value="|">Pipe (|)</option>
            </select>
          </label>
          <label>
            Encoding
            <select value={options.encoding} onChange={setOption('encoding')}>
              <option value="">Detect</option>
              <option value="UTF-8">UTF-8</option>
              <option value="UTF-16">UTF-16</option>
              <option value="ISO-8859-1">ISO-8859-1 (Latin-1)</option>
              <option value="windows-1252">Windows-1252</option>
            </select>
          </label>
        </div>
      </details>
      {items.length > 0 && (
        <>
          <ul className="upload-list" aria-label="Uploads">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} onDismiss={() => dismiss(item.key)} />
            ))}
          </ul>
          <button type="button" className="button link" onClick={clearFinished}>
            Clear finished uploads
          </button>
        </>
      )}
    </section>
  );
}
