/**
 * Datastores browser: pick a datastore, list the files of one folder (the API lists one level, files
 * only), move up through the breadcrumb or into a folder by name, download a file, upload files into
 * the folder shown.
 */
import { useEffect, useState } from 'react';
import { datastoreFileUrl, listDatastoreFiles, listDatastores, uploadDatastoreFile } from '../api/pipelines-client';
import { formatStart } from '../runs/run-format';
import { errorText, useLoad } from './use-load';

/** `a/b/` → `['a', 'b']`. */
const segments = (prefix: string): string[] => prefix.split('/').filter((s) => s !== '');
const folderOf = (parts: readonly string[]): string => (parts.length === 0 ? '' : `${parts.join('/')}/`);

export function DatastoresTab() {
  const stores = useLoad(listDatastores, []);
  const [store, setStore] = useState('');
  const [prefix, setPrefix] = useState('');
  const [goTo, setGoTo] = useState('');
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const usable = stores.value?.find((s) => s.error === undefined);
    if (store === '' && usable !== undefined) setStore(usable.name);
  }, [stores.value, store]);

  const files = useLoad(() => (store === '' ? Promise.resolve([]) : listDatastoreFiles(store, prefix)), [store, prefix]);
  const parts = segments(prefix);

  const upload = async (list: FileList | null): Promise<void> => {
    if (list === null || list.length === 0 || store === '') return;
    setBusy(true);
    setMessage(undefined);
    try {
      for (const file of Array.from(list)) await uploadDatastoreFile(store, `${prefix}${file.name}`, file);
      setMessage(`Uploaded ${Array.from(list).map((f) => f.name).join(', ')} to ${store}/${prefix}`);
      files.reload();
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="datastores-tab">
      {stores.error !== undefined && <div className="error">{stores.error}</div>}
      <div className="toolbar">
        <label>
          Datastore{' '}
          <select
            value={store}
            data-testid="datastore-picker"
            onChange={(e) => {
              setStore(e.target.value);
              setPrefix('');
            }}
          >
            {(stores.value ?? []).map((s) => (
              <option key={s.name} value={s.name} disabled={s.error !== undefined} title={s.error?.message}>
                {s.name} ({s.error === undefined ? s.kind : 'unavailable'})
              </option>
            ))}
          </select>
        </label>
        <form
          className="pl-inline"
          onSubmit={(e) => {
            e.preventDefault();
            const extra = segments(goTo);
            if (extra.length > 0) setPrefix(folderOf([...parts, ...extra]));
            setGoTo('');
          }}
        >
          <input value={goTo} onChange={(e) => setGoTo(e.target.value)} placeholder="folder name" aria-label="Open a folder" data-testid="datastore-folder" />
          <button type="submit">Open folder</button>
        </form>
        <label className="pl-upload">
          Upload{' '}
          <input type="file" multiple disabled={busy || store === ''} data-testid="datastore-upload" onChange={(e) => {
            void upload(e.target.files);
            e.target.value = '';
          }} />
        </label>
      </div>
      <nav className="pl-crumbs" aria-label="Folder" data-testid="datastore-crumbs">
        <button type="button" className="link" onClick={() => setPrefix('')}>{store || '—'}</button>
        {parts.map((p, i) => (
          <span key={i}>
            {' / '}
            <button type="button" className="link" onClick={() => setPrefix(folderOf(parts.slice(0, i + 1)))}>{p}</button>
          </span>
        ))}
      </nav>
      {message !== undefined && <div className="muted" role="status" data-testid="datastore-message">{message}</div>}
      {files.error !== undefined && <div className="error">{files.error}</div>}
      <table className="pl-table" data-testid="datastore-files">
        <thead>
          <tr><th>Name</th><th>Size</th><th>Modified</th></tr>
        </thead>
        <tbody>
          {(files.value ?? []).length === 0 && <tr><td colSpan={3} className="muted">No files in this folder.</td></tr>}
          {(files.value ?? []).map((f) => (
            <tr key={f.path ?? f.name}>
              <td><a href={datastoreFileUrl(store, f.path ?? `${prefix}${f.name}`)} download={f.name}>{f.name}</a></td>
              <td>{f.size === undefined ? '—' : `${f.size} B`}</td>
              <td>{formatStart(f.lastModified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
