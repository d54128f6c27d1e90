// Imports TypeScript modules of the site from a Node script: esbuild bundles `contents` (an ES
// module written relative to the repository root, e.g. "export { rfft } from './widgets/lib/dsp';")
// into a temporary .mjs, which is imported and deleted. No TypeScript runner needed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function importTs(contents) {
  const tmp = mkdtempSync(join(tmpdir(), 'import-ts-'));
  const outfile = join(tmp, 'bundle.mjs');
  try {
    await build({
      stdin: { contents, resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
