import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lib/lesson-schema';

// Lessons live at top level in content/lessons/NN-slug.mdx; a bad frontmatter fails the build
// with Astro's message naming the file and the field.
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
