/**
 * The import boundaries of issue 10 (eslint.config.js + eslint-rules/widget-boundaries.js), run
 * through ESLint's Node API on snippets: a widget importing another widget's folder fails, lib
 * and its own folder pass; widgets/lib/** never imports a widget; src/ reaches only lib and the
 * registry. `npm run lint` runs the same config over the whole tree inside `npm test`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = 'local/widget-boundaries';

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result!.messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
  return result!.messages.map((m) => m.message);
}

describe('widget import boundaries', () => {
  it('a widget importing another widget’s folder is an error', async () => {
    const found = await problems('widgets/foo/view.ts', "import { a } from '../bar/core';\nexport const b = a;\n");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/«\.\.\/bar\/core».*widgets\/foo\//);
  });

  it('widgets/lib/**, the widget’s own folder and packages are fine', async () => {
    const code = "import { x } from '../lib/x';\nimport { y } from './core';\nimport './style.css';\nimport * as d3 from 'd3';\nexport { x, y, d3 };\n";
    expect(await problems('widgets/foo/view.ts', code)).toEqual([]);
  });

  it('also catches import(), import types, re-exports and detours through other folders', async () => {
    const code = [
      "export const load = () => import('../bar/view');",
      "export type T = import('../bar/core').T;",
      "export * from '../bar/x';",
      "export { q } from '../lib/../baz/q';",
    ].join('\n');
    expect(await problems('widgets/foo/view.ts', code)).toHaveLength(4);
  });

  it('widgets/lib/** never imports a widget folder', async () => {
    expect(await problems('widgets/lib/cnn/x.ts', "import { a } from '../../bar/core';\nexport const b = a;\n")).toHaveLength(1);
    expect(await problems('widgets/lib/cnn/x.ts', "import { a } from '../conv/ops';\nimport { b } from './spec';\nexport { a, b };\n")).toEqual([]);
  });

  it('src/ imports widgets/lib/** and the registry, not a widget folder', async () => {
    const ok = "import { widgetLoader } from '../../widgets/registry';\nimport { stateParam } from '../../widgets/lib/state/codec';\nexport { widgetLoader, stateParam };\n";
    expect(await problems('src/scripts/loader.ts', ok)).toEqual([]);
    expect(await problems('src/scripts/loader.ts', "import { a } from '../../widgets/foo/core';\nexport { a };\n")).toHaveLength(1);
  });
});
