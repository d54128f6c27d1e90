import { afterAll, describe, expect, it } from 'vitest';
import { siteCopy } from './site-copy';

// A bad `config={{…}}` on a <Widget> must fail the real build with a message that names the
// lesson file and the key (as a bad frontmatter does, see frontmatter-build.test.ts). Builds a
// copy of the site (tests/unit/site-copy.ts: the other lessons are stubs) with lesson 06's config edited.
const site = siteCopy('tinyml-widget-config-');
afterAll(() => site.remove());
const LESSON = '06-descenso-de-gradiente.mdx';
const buildWith = (edit: (src: string) => string): string => site.buildWith(LESSON, edit);

// A build takes 20–100 s on a loaded 2-core machine: a generous limit, so load never fails the gate.
describe('widget config in the real build', { timeout: 600_000 }, () => {
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
