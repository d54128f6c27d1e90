/**
 * Local ESLint rule `local/widget-boundaries` (issue 10): what a module under widgets/ or src/ may
 * import, judged on the RESOLVED path of every relative (or root-absolute "/…") specifier:
 *   widgets/<name>/**  → its own folder, widgets/lib/**, packages;
 *   widgets/lib/**     → widgets/lib/**, packages (never a widget folder);
 *   widgets/*.ts       → anything under widgets/ (registry.ts lazy-loads the views by glob);
 *   src/**             → src/**, widgets/lib/**, widgets/registry.ts, packages.
 * Checked: import / export … from, import(), `import('…').T` types. Packages (bare specifiers)
 * are always allowed.
 *
 * Why not the built-in `no-restricted-imports`: its patterns match the specifier text, not the
 * file it points to, and cannot name "the importing file's own folder"; "../x/core" is another
 * widget from widgets/a/view.ts but lib code from widgets/lib/a/b.ts. Resolving the path makes
 * the rule exact for any depth and any spelling ("./../b/c", "../lib/../b").
 */
import path from 'node:path';

/** "widgets/foo/view.ts" → ['widgets', 'foo', 'view.ts'] relative to the project root (cwd). */
const parts = (root, file) => path.relative(root, file).split(path.sep);

/** Why importing `target` from `file` is not allowed, or null when it is. */
export function violation(root, file, target) {
  const [area, name, ...rest] = parts(root, file);
  const [tArea, tName] = parts(root, target);
  const into = (a, n) => tArea === a && (n === undefined || tName === n);
  if (area === 'widgets' && rest.length > 0) {
    if (name === 'lib') return into('widgets', 'lib') ? null : 'widgets/lib/** only imports widgets/lib/** and packages';
    if (into('widgets', 'lib') || into('widgets', name)) return null;
    return `a widget imports only its own folder (widgets/${name}/), widgets/lib/** and packages`;
  }
  if (area === 'widgets') return tArea === 'widgets' ? null : 'widgets/*.ts imports only widgets/** and packages';
  if (area === 'src') {
    if (into('src') || into('widgets', 'lib') || (into('widgets') && (tName === 'registry.ts' || tName === 'registry'))) return null;
    return 'src/** imports only src/**, widgets/lib/**, widgets/registry.ts and packages';
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'A widget imports only widgets/lib/** and its own folder; widgets/lib/** never imports a widget.' },
    schema: [],
    messages: { boundary: '«{{spec}}»: {{why}}. Move what two widgets share into widgets/lib/<area>/.' },
  },
  create(context) {
    const root = context.cwd;
    const file = path.resolve(root, context.filename);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !(spec.startsWith('.') || spec.startsWith('/'))) return;
      const clean = spec.split(/[?#]/)[0];
      const target = clean.startsWith('/') ? path.join(root, clean) : path.resolve(path.dirname(file), clean);
      const why = violation(root, file, target);
      if (why) context.report({ node, messageId: 'boundary', data: { spec, why } });
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const lit = node.argument?.literal ?? node.argument;
        if (lit?.type === 'Literal') check(node.argument, lit.value);
      },
    };
  },
};
