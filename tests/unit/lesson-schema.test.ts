import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../src/lib/lesson-schema';
import { COURSE_PLAN } from '../../src/data/course-plan';

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
});
