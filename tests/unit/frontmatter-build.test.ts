import { afterAll, describe, expect, it } from 'vitest';
import { siteCopy } from './site-copy';

// A malformed lesson frontmatter must fail the real build with a message that names the
// file and the field. Builds a copy of the site (tests/unit/site-copy.ts) with one broken lesson.
const site = siteCopy('tinyml-frontmatter-');
afterAll(() => site.remove());
const LESSON = '01-que-es-tinyml.mdx';

// A build takes 20–100 s on a loaded 2-core machine: a generous limit, so load never fails the gate.
describe('lesson frontmatter in the real build', { timeout: 600_000 }, () => {
  it('names the file and the field when a field has the wrong type', () => {
    const out = site.buildWith(LESSON, (s) => s.replace(/^duration: \d+$/m, 'duration: treinta'));
    expect(out).not.toBe('OK');
    expect(out).toContain(LESSON);
    expect(out).toMatch(/duration/);
  });

  it('names the file and the field when a field is missing', () => {
    const out = site.buildWith(LESSON, (s) => s.replace(/^summary: .*$/m, ''));
    expect(out).not.toBe('OK');
    expect(out).toContain(LESSON);
    expect(out).toMatch(/summary/);
  });
});
