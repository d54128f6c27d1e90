import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../src/lib/lesson-schema';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE_PLAN, planProblems } from '../../src/data/course-plan';

const good = {
  title: 'La neurona artificial',
  order: 3,
  part: 'neuronas',
  slug: 'la-neurona-artificial',
  objectives: ['Calcular la entrada neta', 'Elegir una activación'],
  duration: 45,
  summary: 'De la neurona biológica al modelo matemático.',
};

describe('lesson frontmatter schema', () => {
  it('accepts a well-formed lesson', () => {
    expect(lessonSchema.safeParse(good).success).toBe(true);
  });

  it.each([
    ['title', { title: undefined }],
    ['order', { order: 'tres' }],
    ['part', { part: 'misc' }],
    ['slug', { slug: 'La Neurona' }],
    ['objectives', { objectives: ['solo uno'] }],
    ['duration', { duration: 0 }],
    ['summary', { summary: undefined }],
  ])('rejects a bad %s and names the field', (field, patch) => {
    const r = lessonSchema.safeParse({ ...good, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path[0])).toContain(field);
  });

  it('the course plan has 17 lessons with unique orders and slugs', () => {
    expect(COURSE_PLAN).toHaveLength(17);
    expect(new Set(COURSE_PLAN.map((l) => l.slug)).size).toBe(17);
    expect(COURSE_PLAN.map((l) => l.order)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('one source of truth: the lesson files agree with the plan, and published lessons have no planned copy', () => {
    const dir = join(__dirname, '../../content/lessons');
    const published = new Map<string, number>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.mdx'))) {
      const fm = readFileSync(join(dir, f), 'utf8').split('---')[1] ?? '';
      published.set(/^slug:\s*(\S+)/m.exec(fm)![1]!, Number(/^order:\s*(\d+)/m.exec(fm)![1]));
    }
    expect(planProblems(COURSE_PLAN, published)).toEqual([]);
  });

  it('names each disagreement between the plan and the lesson files', () => {
    const planned = { title: 'T', part: 'aplicaciones' as const, duration: 30, summary: 'S' };
    const plan = [{ order: 1, slug: 'a' }, { order: 2, slug: 'b', planned }, { order: 3, slug: 'c' }];
    expect(planProblems(plan, new Map([['a', 1], ['b', 2], ['x', 4]]))).toEqual([
      'src/data/course-plan.ts: «b» ya está publicada; borra su «planned» (el título, la parte, la duración y el resumen salen de su frontmatter)',
      'content/lessons: la lección «x» no está en src/data/course-plan.ts',
      'src/data/course-plan.ts: la lección 3 «c» no está publicada y no tiene «planned» (título, parte, duración y resumen)',
    ]);
    expect(planProblems(plan.slice(0, 1), new Map([['a', 5]]))).toEqual([
      'content/lessons: «a» dice order: 5 y el plan (src/data/course-plan.ts) la pone en el lugar 1',
    ]);
  });
});
