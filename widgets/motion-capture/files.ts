/**
 * File plumbing of the capture widget (DOM): its CSV/JSON files are text, so downloads and picks
 * go through lib/widget/files.ts with the text read here. Files are handed over as { name, text }.
 */
import { downloadFile, filePicker, type FilePicker } from '../lib/widget/files';
import type { ImportInput, OutFile } from './io';

export function download(f: OutFile): void {
  downloadFile(f.text, f.name, f.type);
}

/**
 * The picker (button + drop zone) for Edge Impulse CSVs and the data-set JSON; read errors reach
 * `onError` with the browser's reason.
 */
export function textFilePicker(label: string, accept: string, onFiles: (files: ImportInput[]) => void, onError: (message: string) => void): FilePicker {
  return filePicker({
    label, accept, multiple: true,
    dropText: '…o suelta aquí archivos CSV de Edge Impulse o el JSON del conjunto',
    onFiles: (files) => {
      Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))).then(onFiles, (e: unknown) =>
        onError(`No se pudieron leer los archivos: ${e instanceof Error ? e.message : String(e)}`));
    },
  });
}
