/**
 * Notebook scope for the cells (pure, Node-tested). A lesson's cells share one scope object in
 * the runtime, like a notebook's kernel: what a cell declares at top level (`const`, `let`,
 * `var`, `function`, `class`) is visible to the cells run after it, and running a cell again
 * simply reassigns its names (no «Identifier has already been declared»).
 *
 * How: the code is parsed with acorn and its top-level declarations become assignments to
 * properties of the scope object, which the wrapper puts in a `with` block:
 *   const a = 1, {b} = o;   →  ;(     a = 1, {b} = o);
 *   let x;                  →  ;(   x = undefined);
 *   class A {}              →  ;A = class A {}
 *   function f() {}         →  kept (hoisted in the block); `__scope.f = f;` is put before line 1
 *   last expression         →  return (expr)    (shown under the cell, like a notebook)
 * Every edit keeps line breaks where they were, so line L of the wrapped body is line L of the
 * student's code; wrapScript adds exactly SCRIPT_PREFIX_LINES lines before it.
 * Why not globals: a cell writing `const close = 1` or `onmessage = …` would break the runtime;
 * the scope object holds only the student's names, and re-running is harmless.
 * Trade-off, said in the README: a `const` can be reassigned by a later cell.
 */
import { parse, type Node, type Program, type Pattern, type Statement, type ModuleDeclaration } from 'acorn';

export const SCRIPT_PREFIX_LINES = 1;

export interface PreparedCell {
  ok: true;
  /** The rewritten body (same lines as the student's code). */
  body: string;
  /** Names the cell defines at top level, in order of appearance. */
  declared: string[];
}

export interface CellSyntaxError {
  ok: false;
  /** Spanish message without the position. */
  message: string;
  /** 1-based line in the student's code. */
  line: number;
}

interface Edit {
  at: number;
  /** Characters replaced from `at` (0 = pure insertion). */
  remove: number;
  text: string;
}

/** Names bound by a declaration pattern (`{a, b: [c, ...d]}` → a, c, d). */
export function patternNames(p: Pattern | null | undefined, out: string[] = []): string[] {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier':
      out.push(p.name);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties) patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(p.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(p.left, out);
      break;
    default:
      break;
  }
  return out;
}

const SYNTAX_ES: [RegExp, string][] = [
  [/^Unexpected token/, 'hay un símbolo inesperado'],
  [/^Unterminated string constant/, 'una cadena de texto no está cerrada (falta una comilla)'],
  [/^Unterminated template/, 'una plantilla `…` no está cerrada'],
  [/^Unterminated regular expression/, 'una expresión regular no está cerrada'],
  [/^Unterminated comment/, 'un comentario /* … */ no está cerrado'],
  [/^Unexpected character/, 'hay un carácter que JavaScript no entiende'],
  [/^Identifier '(.+)' has already been declared/, 'el nombre «$1» se declara dos veces en esta celda'],
  [/^Assigning to rvalue/, 'el lado izquierdo de «=» no es algo a lo que se pueda asignar'],
  [/^'return' outside of function/, '«return» fuera de una función'],
  [/^Unexpected keyword '(.+)'/, 'la palabra «$1» no puede ir aquí'],
  [/^The keyword '(.+)' is reserved/, '«$1» es una palabra reservada'],
  [/^Unexpected reserved word/, 'hay una palabra reservada donde no puede ir'],
];

/** Spanish text for an acorn syntax message (the English original is kept when unknown). */
export function syntaxMessageEs(raw: string): string {
  const msg = raw.replace(/\s*\(\d+:\d+\)\s*$/, '');
  for (const [re, es] of SYNTAX_ES) if (re.test(msg)) return `Error de sintaxis: ${msg.replace(re, es)}`;
  return `Error de sintaxis: ${msg}`;
}

function isStatement(n: Statement | ModuleDeclaration): n is Statement {
  return !n.type.endsWith('Declaration') || n.type === 'VariableDeclaration' || n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration';
}

/** Rewrites a cell for the shared scope, or reports its first syntax error with its line. */
export function prepareCell(code: string): PreparedCell | CellSyntaxError {
  let program: Program;
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number } };
    return { ok: false, message: syntaxMessageEs(err.message), line: err.loc?.line ?? 1 };
  }
  const edits: Edit[] = [];
  const declared: string[] = [];
  const functions: string[] = [];
  const add = (name: string): void => {
    if (!declared.includes(name)) declared.push(name);
  };
  const body = program.body;
  for (const st of body) {
    if (!isStatement(st)) continue;
    if (st.type === 'VariableDeclaration') {
      const kindLen = st.kind.length; // var | let | const
      edits.push({ at: st.start, remove: kindLen, text: ';(' + ' '.repeat(Math.max(0, kindLen - 2)) });
      for (const d of st.declarations) {
        for (const n of patternNames(d.id)) add(n);
        if (!d.init) edits.push({ at: d.id.end, remove: 0, text: ' = undefined' });
      }
      const last = st.declarations[st.declarations.length - 1]!;
      edits.push({ at: last.end, remove: 0, text: ')' });
    } else if (st.type === 'FunctionDeclaration' && st.id) {
      functions.push(st.id.name);
      add(st.id.name);
    } else if (st.type === 'ClassDeclaration' && st.id) {
      add(st.id.name);
      edits.push({ at: st.start, remove: 0, text: `;${st.id.name} = ` });
    }
  }
  const lastSt = body[body.length - 1] as Node | undefined;
  if (lastSt && lastSt.type === 'ExpressionStatement') {
    const expr = (lastSt as unknown as { expression: Node & { type: string } }).expression;
    if (expr.type !== 'AssignmentExpression' && expr.type !== 'UpdateExpression') {
      edits.push({ at: expr.start, remove: 0, text: 'return (' });
      edits.push({ at: expr.end, remove: 0, text: ')' });
    }
  }
  edits.sort((a, b) => b.at - a.at || a.remove - b.remove);
  let out = code;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.remove);
  const exports = functions.map((f) => `__scope[${JSON.stringify(f)}] = ${f};`).join(' ');
  return { ok: true, body: exports ? `${exports} ${out}` : out, declared };
}

/**
 * The classic script the runtime loads (importScripts of a blob URL) for one run: it defines
 * `self[fnName]`, an async function of the scope whose body is the cell. Sloppy mode on purpose
 * (`with`). Line SCRIPT_PREFIX_LINES + L of the script is line L of the student's code.
 */
export function wrapScript(body: string, fnName: string): string {
  return `self[${JSON.stringify(fnName)}] = async function (__scope) { with (__scope) {\n${body}\n} };\n`;
}
