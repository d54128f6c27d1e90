import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A bad `config={{…}}` on a <Widget> must fail the real build with a message that names the
// lesson file and the key (as a bad frontmatter does, see frontmatter-build.test.ts). Builds a
// copy of the site in a temp dir whose only lesson is lesson 06 with one config edited.
const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tinyml-widget-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LESSON = '06-descenso-de-gradiente.mdx';

function buildWith(edit: (src: string) => string): string {
  rmSync(join(dir, 'content'), { recursive: true, force: true });
  mkdirSync(join(dir, 'content/lessons'), { recursive: true });
  const lesson = readFileSync(join(root, 'content/lessons', LESSON), 'utf8');
  const edited = edit(lesson);
  expect(edited, 'the edit must change the lesson').not.toBe(lesson);
  writeFileSync(join(dir, 'content/lessons', LESSON), edited);
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

describe('widget config in the real build', () => {
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'widgets', 'public']) {
    cpSync(join(root, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));

  it('names the lesson file and the key when a value is out of range (gd-explorer dims: 3)', () => {
    const out = buildWith((s) => s.replace('config={{ dims: 1 }}', 'config={{ dims: 3 }}'));
    expect(out).not.toBe('OK');
    expect(out).toContain(`content/lessons/${LESSON}`);
    expect(out).toContain('config.dims');
    expect(out).toContain('debe ser un entero entre 1 y 2');
  });

  it('names the lesson file and the key of a typo', () => {
    const out = buildWith((s) => s.replace("config={{ dims: 2, surface: 'recta' }}", "config={{ dims: 2, surfase: 'recta' }}"));
    expect(out).not.toBe('OK');
    expect(out).toContain(`content/lessons/${LESSON}`);
    expect(out).toContain('config.surfase');
    expect(out).toContain('las claves válidas son dims, surface');
  });
});
