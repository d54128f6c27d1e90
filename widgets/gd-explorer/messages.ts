/**
 * Spanish texts of the gradient-descent explorer (pure: no DOM), built from a Run and its
 * Verdict, plus number formatting for plain text and for KaTeX (decimal comma).
 */
import { MAX_STEPS, TOL, escapeBox, minimumReached, nextStep, stepsOf, type Regime, type Run, type Verdict } from './core';
import { LINE_DATA, curvature, type Surface } from './surfaces';
import { GROUP, fmt, sci, sig as sigText } from '../lib/format/number';

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A number in Spanish with about 4 significant digits: "−2,15", "0,0031", "1,23·10⁵".
 * Non-finite values read "no es un número" / "∞".
 */
export function num(v: number, sig = 4): string {
  if (!Number.isFinite(v) || v === 0) return fmt(v);
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? sci(v, 3) : sigText(v, sig);
}

/** The same number as KaTeX source: decimal comma in braces, powers of ten as 10^{e}. */
export function tex(v: number, sig = 4): string {
  const t = num(v, sig);
  const m = /^(.*)·10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  const body = (s: string): string => s.replace('−', '-').replace(',', '{,}').split(GROUP).join('\\,');
  if (!m) return t === 'no es un número' ? '\\text{NaN}' : body(t).replace('∞', '\\infty');
  const e = m[2]!.split('').map((ch) => (ch === '⁻' ? '-' : String(SUP.indexOf(ch)))).join('');
  return `${body(m[1]!)}\\cdot 10^{${e}}`;
}

/** "(a; b)" or "a" for a parameter point. */
export const pointText = (w: readonly number[]): string => (w.length === 1 ? num(w[0]!) : `(${w.map((x) => num(x)).join('; ')})`);

export const REGIME_LABEL: Readonly<Record<Regime, string>> = {
  inicio: 'Sin empezar',
  lenta: 'Lenta',
  converge: 'Converge',
  oscila: 'Oscila',
  crece: 'Oscila y crece',
  diverge: 'Diverge',
};

/** Short badge text: 'Oscila y crece' only when the run zig-zags; otherwise 'La pérdida crece'. */
export function regimeLabel(v: Verdict): string {
  if (v.regime === 'crece' && v.zigzag < 0.5) return 'La pérdida crece';
  return REGIME_LABEL[v.regime];
}

const pct = (rho: number): string => num(Math.max(0, (1 - rho) * 100), 2);

/** One or two sentences saying what the run is doing and, when it goes wrong, what to change. */
export function explain(run: Run, v: Verdict): string {
  const s = run.surface;
  const t = stepsOf(run);
  const { limit } = curvature(s);
  const good = num(s.presets.buena);
  switch (v.regime) {
    case 'inicio':
      return 'Todavía no se ha dado ningún paso. Pulsa «Reproducir» o «Un paso».';
    case 'converge': {
      if (!v.done) {
        return `Converge: cada paso baja la pérdida y el gradiente se reduce un ${pct(v.rho)} % por paso; a este ritmo llegará al mínimo en unos ${num(Math.ceil(v.projected), 3)} pasos en total.`;
      }
      const parts = [`Ha convergido en ${t} pasos: el gradiente ya es casi cero (‖∇L‖ < ${num(TOL)}).`];
      if (run.reversals > t / 2) parts.push(`Llegó oscilando: ${run.reversals} de sus pasos cruzaron al otro lado del mínimo.`);
      const m = minimumReached(run);
      if (m && !m.global) {
        parts.push(`Ojo: es un mínimo local. Hay otro más bajo en ${s.plain.join(', ')} ≈ ${pointText(s.minima[0]!)}; prueba a empezar en otro sitio o con otra α.`);
      }
      return parts.join(' ');
    }
    case 'lenta': {
      const base = `Lenta: la pérdida baja, pero el gradiente solo se reduce un ${pct(v.rho)} % por paso`;
      const rest = Number.isFinite(v.projected) ? `; a este ritmo harían falta unos ${num(Math.ceil(v.projected), 2)} pasos en total.` : '.';
      const tail = v.done ? ` Se ha llegado al máximo de ${MAX_STEPS} pasos sin alcanzar el mínimo.` : '';
      const advice = run.alpha < s.presets.buena
        ? ` Prueba una α mayor (por ejemplo, ${good}).`
        : ' Aquí la curvatura es muy distinta según la dirección: la más fuerte impide subir α y la más suave marca este ritmo.';
      return base + rest + tail + advice;
    }
    case 'oscila':
      return `Oscila: cada paso cruza al otro lado del valle, porque α es mayor que 1/λ en la dirección más curvada, pero los saltos se acortan, así que acabará llegando. Cerca del mínimo, α debe quedar por debajo de 2/λₘₐₓ ≈ ${num(limit, 3)}.`;
    case 'crece':
      if (v.zigzag < 0.5) return `La pérdida sube en cada paso: con α = ${num(run.alpha)} los pasos son demasiado largos para esta zona de la superficie.`;
      return run.alpha > limit
        ? `Oscila y crece: cada salto cruza el mínimo y aterriza más arriba que el anterior. α = ${num(run.alpha)} supera el límite 2/λₘₐₓ ≈ ${num(limit, 3)}, así que esto va a divergir.`
        : `Oscila y crece: cada salto cruza el valle y aterriza más arriba que el anterior. α = ${num(run.alpha)} no llega al límite 2/λₘₐₓ ≈ ${num(limit, 3)} del mínimo, pero aquí la superficie está más curvada que allí y, para esta zona, esa α es demasiado grande.`;
    case 'diverge':
      return divergenceText(run);
  }
}

/** What happened when a run diverged, and what to change. */
export function divergenceText(run: Run): string {
  const s = run.surface;
  const t = stepsOf(run);
  const w = run.path[t]!;
  const L = run.losses[t]!;
  const { limit } = curvature(s);
  const box = escapeBox(s);
  const out = w.findIndex((x, i) => !(x >= box[i]![0] && x <= box[i]![1]));
  const what = !Number.isFinite(L) || out < 0
    ? 'la pérdida ha dejado de ser un número finito'
    : `${s.plain[out]} = ${num(w[out]!)} se ha salido de la zona razonable (entre ${num(box[out]![0])} y ${num(box[out]![1])})`;
  const why = run.alpha > limit
    ? `Con α = ${num(run.alpha)}, mayor que el límite 2/λₘₐₓ ≈ ${num(limit, 3)} de esta superficie, cada paso se pasa del mínimo y aterriza más lejos que el anterior. ` +
      `Baja α por debajo de ${num(limit, 3)} (por ejemplo, a ${num(s.presets.buena)}) y vuelve a pulsar «Reproducir».`
    : `α = ${num(run.alpha)} no llega al límite 2/λₘₐₓ ≈ ${num(limit, 3)}, que vale junto al mínimo, pero el recorrido ha pasado por una zona más curvada, donde los pasos con esa α ya son demasiado largos: cada uno se pasó del fondo y aterrizó más lejos. ` +
      `Baja α con margen (por ejemplo, a ${num(s.presets.buena)}) y vuelve a pulsar «Reproducir».`;
  return `Diverge: en el paso ${t}, ${what}, así que se ha detenido el descenso. ${why}`;
}

/** KaTeX of the next update with live numbers: w_{t+1} = w_t − α ∇L(w_t) = …. */
export function updateTex(run: Run): string {
  const st = nextStep(run);
  const t = st.t;
  const a = tex(st.alpha);
  if (st.w.length === 1) {
    return `\\begin{aligned} w_{${t + 1}} &= w_{${t}} - \\alpha\\,L'(w_{${t}}) \\\\ &= ${tex(st.w[0]!)} - ${a}\\cdot(${tex(st.grad[0]!)}) \\\\ &= ${tex(st.next[0]!)} \\end{aligned}`;
  }
  const vec = (v: readonly number[]): string => `\\begin{pmatrix}${v.map((x) => tex(x)).join('\\\\')}\\end{pmatrix}`;
  return `\\begin{aligned} \\mathbf w_{${t + 1}} &= \\mathbf w_{${t}} - \\alpha\\,\\nabla L(\\mathbf w_{${t}}) \\\\ &= ${vec(st.w)} - ${a}${vec(st.grad)} \\\\ &= ${vec(st.next)} \\end{aligned}`;
}

/** Plain-text version of the same update, for screen readers and the e2e tests. */
export function updateText(run: Run): string {
  const st = nextStep(run);
  const g = st.w.length === 1 ? "L′(w)" : '∇L(w)';
  return `Paso ${st.t} → ${st.t + 1}: w = ${pointText(st.w)}, ${g} = ${pointText(st.grad)}, α = ${num(st.alpha)}, ` +
    `nuevo w = w − α·${g} = ${pointText(st.next)}; L pasa de ${num(st.loss)} a ${num(st.nextLoss)}.`;
}

/** Rows of the MSE table of the 'recta' surface for the line y = w x + b. */
export function mseRows(w: number, b: number): { x: number; d: number; y: number; e2: number }[] {
  return LINE_DATA.map((p) => {
    const y = w * p.x + b;
    return { x: p.x, d: p.d, y, e2: (p.d - y) ** 2 };
  });
}

/** Text alternative of the surface chart. */
export function chartText(s: Surface, run: Run): string {
  const t = stepsOf(run);
  const w = run.path[t]!;
  const head = s.dims === 1
    ? `Curva de la pérdida ${s.tex.startsWith('L(w)') ? 'L(w)' : ''} para w entre ${num(s.domain[0]![0])} y ${num(s.domain[0]![1])}`
    : `Curvas de nivel de la pérdida L(${s.plain.join(', ')}), con el mínimo marcado con una cruz en ${pointText(s.minima[0]!)}`;
  const path = t === 0
    ? `Punto de partida ${pointText(w)}, con L = ${num(run.losses[0]!)}.`
    : `Recorrido de ${t} pasos desde ${pointText(run.path[0]!)}; punto actual ${pointText(w)}, con L = ${num(run.losses[t]!)}.`;
  return `${head}. ${path}`;
}
