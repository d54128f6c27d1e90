import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lesson URLs of the built site, read from content/lessons frontmatter (slug field). */
export function lessonPaths(): string[] {
  const dir = 'content/lessons';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const m = /^slug:\s*(\S+)\s*$/m.exec(readFileSync(join(dir, f), 'utf8'));
      if (!m) throw new Error(`${f}: sin campo slug`);
      return `/lecciones/${m[1]}/`;
    });
}

/** Site pages outside the lessons (glossary, hardware, settings). */
export const extraPaths = (): string[] => ['/glosario/', '/hardware/', '/ajustes/', '/docentes/'];

export const allPaths = (): string[] => ['/', ...extraPaths(), ...lessonPaths()];
