import { z } from 'astro/zod';

/** Parts of the course, in order. A lesson's `part` must be one of these keys. */
export const PARTS = {
  fundamentos: 'Fundamentos de TinyML',
  neuronas: 'Neuronas y redes',
  vision: 'Visión con redes convolucionales',
  despliegue: 'Del modelo al microcontrolador',
  aplicaciones: 'Aplicaciones: movimiento, anomalías y voz',
} as const;

export type PartKey = keyof typeof PARTS;
const partKeys = Object.keys(PARTS) as [PartKey, ...PartKey[]];

/**
 * Frontmatter of `content/lessons/NN-slug.mdx`.
 * `duration` is the estimated study time in minutes.
 */
export const lessonSchema = z.object({
  title: z.string().min(3),
  order: z.number().int().min(1).max(99),
  part: z.enum(partKeys),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug: solo minúsculas, números y guiones'),
  objectives: z.array(z.string().min(5)).min(2),
  duration: z.number().int().min(5).max(240),
  summary: z.string().min(20),
});

export type LessonData = z.infer<typeof lessonSchema>;
