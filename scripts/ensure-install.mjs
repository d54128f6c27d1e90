// Runs before `npm start` and `npm test` (on whatever Node the machine has): installs the
// project's packages with `npm ci` when node_modules is missing or older than the lockfile.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Instalando dependencias (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
