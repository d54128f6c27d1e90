import type { PartKey } from '../lib/lesson-schema';

/**
 * The order of the whole course (COURSE-MAP): which slug is lesson N. One source of truth per
 * fact: a published lesson (a file content/lessons/NN-slug.mdx) takes its title, part, duration and
 * summary from its frontmatter only; `planned` holds them for a lesson not written yet, so the home
 * page and the sidebar can list it without a link. src/data/course.ts checks at build time that
 * every published lesson is here with the same order, that a published lesson has no `planned`
 * copy left, and that every unpublished one has one.
 */
export interface PlannedFields {
  title: string;
  part: PartKey;
  /** Estimated study time, minutes. */
  duration: number;
  summary: string;
}

export interface PlannedLesson {
  order: number;
  slug: string;
  /** Only while the lesson is not published. */
  planned?: PlannedFields;
}

export const COURSE_PLAN: readonly PlannedLesson[] = [
  { order: 1, slug: 'que-es-tinyml' },
  { order: 2, slug: 'ia-y-aprendizaje-automatico' },
  { order: 3, slug: 'la-neurona-artificial' },
  { order: 4, slug: 'capas-y-matrices' },
  { order: 5, slug: 'perceptron-and-xor' },
  { order: 6, slug: 'descenso-de-gradiente' },
  { order: 7, slug: 'aprendizaje-profundo' },
  { order: 8, slug: 'como-ve-un-computador' },
  { order: 9, slug: 'convolucion-y-pooling' },
  { order: 10, slug: 'entrenar-una-cnn' },
  { order: 11, slug: 'flujo-tinyml-y-edge-impulse' },
  { order: 12, slug: 'tensorflow-lite' },
  { order: 13, slug: 'optimizacion-cuantizacion-y-poda' },
  { order: 14, slug: 'datos-secuenciales' },
  { order: 15, slug: 'clasificacion-de-movimiento' },
  { order: 16, slug: 'deteccion-de-anomalias' },
  { order: 17, slug: 'deteccion-de-palabras-clave' },
];

/**
 * Checks the plan against the published lessons; returns the Spanish problems (empty when fine).
 * `published`: slug → order of each lesson file. Pure, so it is unit-tested.
 */
export function planProblems(plan: readonly PlannedLesson[], published: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [slug, order] of published) {
    const p = plan.find((x) => x.slug === slug);
    if (!p) out.push(`content/lessons: la lección «${slug}» no está en src/data/course-plan.ts`);
    else if (p.order !== order) out.push(`content/lessons: «${slug}» dice order: ${order} y el plan (src/data/course-plan.ts) la pone en el lugar ${p.order}`);
    else if (p.planned) out.push(`src/data/course-plan.ts: «${slug}» ya está publicada; borra su «planned» (el título, la parte, la duración y el resumen salen de su frontmatter)`);
  }
  for (const p of plan) {
    if (!published.has(p.slug) && !p.planned) out.push(`src/data/course-plan.ts: la lección ${p.order} «${p.slug}» no está publicada y no tiene «planned» (título, parte, duración y resumen)`);
  }
  return out;
}

