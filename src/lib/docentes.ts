/**
 * Build-time helpers of the instructors' page (/docentes/), pure (unit-tested in
 * tests/unit/docentes.test.ts): the <Widget> tags of a lesson's MDX, the default seed in a
 * widget's state schema, the keys a widget answers to, and the demo link.
 */
export interface WidgetTag {
  name: string;
  /** Instance id (the `id` attribute, else the name, as Widget.astro does). */
  id: string;
  title: string;
  description: string;
}

/** Attributes of one JSX tag's text `<Widget …>` (string values only; `{…}` values skipped). */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Expression values ({…}, possibly nested) are blanked first so their text is not read as attributes.
  let flat = '';
  let depth = 0;
  let quote = '';
  for (const ch of tag) {
    if (quote) {
      if (ch === quote && depth === 0) quote = '';
    } else if (depth === 0 && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === '{') depth++;
    flat += depth === 0 ? ch : ' ';
    if (!quote && ch === '}') depth = Math.max(0, depth - 1);
  }
  for (const m of flat.matchAll(re)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

/** Every `<Widget …>` of an MDX source, in document order (tag text ends at the first `>` outside quotes and braces). */
export function parseWidgets(mdx: string): WidgetTag[] {
  const out: WidgetTag[] = [];
  const re = /<Widget\b/g;
  for (let m = re.exec(mdx); m; m = re.exec(mdx)) {
    let i = m.index + m[0].length;
    let quote = '';
    let depth = 0;
    for (; i < mdx.length; i++) {
      const ch = mdx[i]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '>' && depth === 0) break;
    }
    const a = attributes(mdx.slice(m.index + m[0].length, i));
    if (a.name) out.push({ name: a.name, id: a.id || a.name, title: a.title ?? a.name, description: a.description ?? '' });
  }
  return out;
}

/**
 * The default of the `seed` field in a widget's state schema source (`seed: int(16, 0, 9999)` or
 * any `seed: <helper>(default, …)`), or null when the schema has no seed.
 */
export function schemaSeed(source: string): number | null {
  const m = /^\s*seed:\s*\w+\(\s*(\d+)\s*,/m.exec(source);
  return m ? Number(m[1]) : null;
}

export interface StepKeys {
  next: boolean;
  back: boolean;
  play: boolean;
}

/**
 * Which step keys a widget answers to, read from its sources: the data-step buttons it creates
 * (keys.ts) or a `new Stepper(` (all three).
 */
export function stepKeys(sources: readonly string[]): StepKeys {
  const all = sources.join('\n');
  const has = (a: string): boolean => new RegExp(`['"]data-step['"]\\s*:\\s*['"]${a}['"]`).test(all);
  const stepper = /new Stepper\(/.test(all);
  return { next: stepper || has('next'), back: stepper || has('back'), play: stepper || has('play') };
}

/** The keys line shown for a widget (Spanish). */
export function keysText(k: StepKeys): string {
  const parts: string[] = [];
  if (k.next && k.back) parts.push('→ / ← paso a paso');
  else if (k.next) parts.push('→ un paso más');
  if (k.play) parts.push('Espacio: reproducir / pausa');
  return parts.length ? parts.join(' · ') : 'Tab para ir por los controles';
}

/**
 * The demo link of widget `id` in lesson `slug`: projector mode on, the widget's fixed seed in its
 * state parameter (when it has one), and the widget as the fragment.
 */
export function demoLink(slug: string, id: string, seed: number | null): string {
  const q = new URLSearchParams({ proyector: '1' });
  if (seed !== null) q.set(`w-${id}`, `seed:${seed}`);
  return `/lecciones/${slug}/?${q.toString().replace(/%3A/gi, ':')}#${encodeURIComponent(id)}`;
}
