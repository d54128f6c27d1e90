import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A malformed lesson frontmatter must fail the real build with a message that names the
// file and the field. Builds a copy of the site in a temp dir with one broken lesson.
const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tinyml-frontmatter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function buildWith(frontmatterEdit: (src: string) => string): string {
  rmSync(join(dir, 'content'), { recursive: true, force: true });
  mkdirSync(join(dir, 'content/lessons'), { recursive: true });
  const lesson = readFileSync(join(root, 'content/lessons/01-que-es-tinyml.mdx'), 'utf8');
  writeFileSync(join(dir, 'content/lessons/01-que-es-tinyml.mdx'), frontmatterEdit(lesson));
  try {
    execFileSync(join(root, 'node_modules/.bin/astro'), ['build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
    return 'OK';
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`;
  }
}

describe('lesson frontmatter in the real build', () => {
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'widgets', 'public']) {
    cpSync(join(root, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));

  it('names the file and the field when a field has the wrong type', () => {
    const out = buildWith((s) => s.replace(/^duration: \d+$/m, 'duration: treinta'));
    expect(out).not.toBe('OK');
    expect(out).toContain('01-que-es-tinyml.mdx');
    expect(out).toMatch(/duration/);
  });

  it('names the file and the field when a field is missing', () => {
    const out = buildWith((s) => s.replace(/^summary: .*$/m, ''));
    expect(out).not.toBe('OK');
    expect(out).toContain('01-que-es-tinyml.mdx');
    expect(out).toMatch(/summary/);
  });
});
