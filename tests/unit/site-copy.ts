/**
 * A copy of the site in a temp dir for tests that run the real `astro build` on an edited lesson.
 * Every other lesson is a stub: its own frontmatter and one line of text (the course plan needs
 * every lesson of COURSE_PLAN published or planned, and stubs keep the build short).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const lessonsDir = join(root, 'content/lessons');

export interface SiteCopy {
  dir: string;
  /** Builds with `file` (a name in content/lessons) replaced by `edit(original)`; 'OK' or the build's output. */
  buildWith(file: string, edit: (src: string) => string): string;
  remove(): void;
}

export function siteCopy(prefix: string): SiteCopy {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'widgets', 'public', 'scripts']) {
    cpSync(join(root, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    buildWith(file, edit) {
      rmSync(join(dir, 'content'), { recursive: true, force: true });
      mkdirSync(join(dir, 'content/lessons'), { recursive: true });
      for (const name of readdirSync(lessonsDir).filter((n) => n.endsWith('.mdx'))) {
        const src = readFileSync(join(lessonsDir, name), 'utf8');
        if (name === file) {
          const edited = edit(src);
          if (edited === src) throw new Error(`the edit must change ${file}`);
          writeFileSync(join(dir, 'content/lessons', name), edited);
        } else {
          const fm = src.split(/^---$/m)[1];
          writeFileSync(join(dir, 'content/lessons', name), `---${fm}---\n\nTexto.\n`);
        }
      }
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
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
