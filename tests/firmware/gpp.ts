/**
 * Builds and runs the host-side firmware test programs (tests/firmware/*.cpp) with the system
 * g++, for tests/unit/firmware-*.test.ts. `.ci/run` installs g++ when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIRMWARE_DIR = join(ROOT, 'public/firmware/motion_forwarder');
export const FLAGS = ['-std=c++17', '-Wall', '-Wextra', '-Werror'];

export interface RunResult { status: number | null; stdout: string; stderr: string }

export function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): RunResult {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const hasGpp = (): boolean => spawnSync('g++', ['--version']).status === 0;

/** A fresh temporary folder for this test file's binaries. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'tinyml-fw-'));

/** g++ FLAGS extra… source -o out; returns the compiler's result (status 0 = built). */
export function compile(source: string, out: string, extra: string[] = []): RunResult {
  return run('g++', [...FLAGS, ...extra, join(ROOT, source), '-o', out]);
}

/** Lines of a text stream without the final empty string after the last '\n'. */
export const linesOf = (text: string): string[] => text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
