import { getCollection, type CollectionEntry } from 'astro:content';
import { COURSE_PLAN, planProblems } from './course-plan';
import { PARTS, type PartKey } from '../lib/lesson-schema';

export interface CourseLesson {
  order: number;
  slug: string;
  title: string;
  part: PartKey;
  duration: number;
  summary: string;
  objectives: string[];
  /** URL when the lesson is published; null when it is only planned. */
  href: string | null;
  entry: CollectionEntry<'lessons'> | null;
}

export const lessonHref = (slug: string): string => `/lecciones/${slug}/`;

/** All lessons in order: published ones from their frontmatter, the rest from the plan. */
export async function getCourse(): Promise<CourseLesson[]> {
  const entries = await getCollection('lessons');
  const bySlug = new Map(entries.map((e) => [e.data.slug, e]));
  const problems = planProblems(COURSE_PLAN, new Map(entries.map((e) => [e.data.slug, e.data.order])));
  if (problems.length) throw new Error(problems.join('\n'));
  return COURSE_PLAN.map((p) => {
    const e = bySlug.get(p.slug);
    return e
      ? { ...e.data, href: lessonHref(e.data.slug), entry: e }
      : { order: p.order, slug: p.slug, ...p.planned!, objectives: [], href: null, entry: null };
  }).sort((a, b) => a.order - b.order);
}

export interface CoursePart {
  key: PartKey;
  title: string;
  lessons: CourseLesson[];
}

export function groupByPart(lessons: CourseLesson[]): CoursePart[] {
  return (Object.keys(PARTS) as PartKey[])
    .map((key) => ({ key, title: PARTS[key], lessons: lessons.filter((l) => l.part === key) }))
    .filter((p) => p.lessons.length > 0);
}
