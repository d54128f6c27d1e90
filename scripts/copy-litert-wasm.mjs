// Copies LiteRT.js's wasm runtime from node_modules/@litertjs/core/wasm/ to public/litert/, so
// the site serves it from its own origin (widgets/lib/litert/runtime.ts loads it from /litert/).
// Only the two builds LiteRT.js picks without options are copied: litert_wasm_internal (browsers
// with relaxed SIMD) and litert_wasm_compat_internal (the rest); the threaded and JSPI builds
// need options we never pass. Skips files that are already up to date.
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@litertjs/core/package.json', { paths: [root] }));
const from = join(pkgDir, 'wasm');
const to = join(root, 'public', 'litert');
const FILES = ['litert_wasm_internal.js', 'litert_wasm_internal.wasm', 'litert_wasm_compat_internal.js', 'litert_wasm_compat_internal.wasm'];

mkdirSync(to, { recursive: true });
writeFileSync(join(to, '.gitignore'), '# Copied from node_modules/@litertjs/core/wasm by scripts/copy-litert-wasm.mjs (prebuild).\n*\n!.gitignore\n');
let copied = 0;
for (const f of FILES) {
  const src = join(from, f);
  const dst = join(to, f);
  if (!existsSync(src)) {
    console.error(`copy-litert-wasm: falta ${src}; ¿está instalado @litertjs/core?`);
    process.exit(1);
  }
  const s = statSync(src);
  if (existsSync(dst)) {
    const d = statSync(dst);
    if (d.size === s.size && d.mtimeMs >= s.mtimeMs) continue;
  }
  copyFileSync(src, dst);
  copied++;
}
console.log(`copy-litert-wasm: ${copied} archivo(s) copiados a public/litert/ (${FILES.length - copied} ya estaban al día).`);
