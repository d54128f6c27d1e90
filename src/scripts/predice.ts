/**
 * Client side of <Predice> (src/components/Predice.astro): commit a guess, keep the target
 * widget veiled until then, take the answer from the widget's `widget-result` event (or the
 * build-time `data-valor`), show the gap and remember it in localStorage.
 *
 * Each <aside data-predice> goes through data-phase: 'open' (no bet; widget veiled) →
 * 'waiting' (bet committed; waiting for the widget's run) → 'revealed' (gap shown). «Ver sin
 * apostar» only unveils the widget (data-phase stays 'open').
 */
import { betText, decodeBets, encodeBets, gapText, parseGuess, stateMatches, storageKey, type Bets, type Unit, type Value } from '../lib/predice';
import { readItem, writeItem } from './local-storage';

interface ResultDetail {
  key: string;
  value: Value;
  state?: Record<string, unknown>;
}

const readBets = (slug: string): Bets => decodeBets(readItem(storageKey(slug)));

/** Keeps the bets; without storage they last for this page only. */
const writeBets = (slug: string, bets: Bets): void => void writeItem(storageKey(slug), encodeBets(bets));

function jsonData(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function setup(box: HTMLElement): void {
  const id = box.dataset.predice ?? '';
  const slug = box.dataset.slug ?? '';
  const key = box.dataset.key ?? '';
  const unit = (jsonData(box.dataset.unit) ?? { plural: '' }) as Unit;
  const expected = jsonData(box.dataset.estado) as Record<string, unknown> | undefined;
  const built = jsonData(box.dataset.valor) as Value | undefined;
  const fig = document.getElementById(box.dataset.target ?? '');
  const form = box.querySelector<HTMLFormElement>('[data-predice-form]')!;
  const after = box.querySelector<HTMLElement>('[data-predice-after]')!;
  const betLine = box.querySelector<HTMLElement>('[data-predice-bet]')!;
  const reveal = box.querySelector<HTMLElement>('[data-predice-reveal]')!;
  const error = box.querySelector<HTMLElement>('[data-predice-error]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="guess"]');
  const accion = reveal.dataset.accion ?? 'Pruébalo ahora en el widget.';
  /** The latest result the widget reported for the question's state (undefined: none yet). */
  let latest: Value | undefined = built;
  let veil: HTMLElement | null = null;

  const setVeil = (on: boolean): void => {
    if (!fig) return;
    const body = fig.querySelector<HTMLElement>('[data-widget-body]');
    if (on) {
      fig.dataset.prediceVeiled = id;
      body?.setAttribute('inert', '');
      if (!veil) {
        veil = document.createElement('p');
        veil.className = 'predice-veil';
        veil.textContent = 'Primero, tu apuesta: está justo antes de esta demostración.';
        if (body) body.before(veil);
        else fig.append(veil);
      }
    } else {
      delete fig.dataset.prediceVeiled;
      body?.removeAttribute('inert');
      veil?.remove();
      veil = null;
    }
  };

  const say = (text: string, kind: 'wait' | 'gap' | 'other'): void => {
    reveal.dataset.kind = kind;
    reveal.textContent = text;
  };

  const show = (bet: Bets[string] | undefined): void => {
    if (!bet) {
      box.dataset.phase = 'open';
      form.hidden = false;
      after.hidden = true;
      say('', 'other');
      return;
    }
    form.hidden = true;
    after.hidden = false;
    betLine.textContent = betText(bet.guess, unit);
    if (bet.result !== undefined) {
      box.dataset.phase = 'revealed';
      say(gapText(bet.guess, bet.result, unit), 'gap');
    } else {
      box.dataset.phase = 'waiting';
      say(`Apuesta guardada. ${accion} El resultado aparecerá aquí.`, 'wait');
    }
  };

  const settle = (value: Value): void => {
    const bets = readBets(slug);
    const bet = bets[id];
    if (!bet || bet.result !== undefined) return;
    bets[id] = { ...bet, result: value };
    writeBets(slug, bets);
    show(bets[id]);
  };

  const commit = (guess: Value): void => {
    const bets = readBets(slug);
    bets[id] = { guess, at: new Date().toISOString() };
    writeBets(slug, bets);
    setVeil(false);
    show(bets[id]);
    if (latest !== undefined) settle(latest);
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    if (input) {
      const v = parseGuess(input.value);
      if (v === null) {
        error.textContent = input.value.trim() ? `«${input.value.trim()}» no es un número: escribe, por ejemplo, 12 o 3,5.` : 'Escribe un número antes de apostar.';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      commit(v);
    } else {
      const picked = form.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      if (!picked) {
        error.textContent = 'Elige una opción antes de apostar.';
        return;
      }
      commit(picked.value);
    }
  });

  box.querySelector('[data-predice-skip]')?.addEventListener('click', () => setVeil(false));
  box.querySelector('[data-predice-again]')?.addEventListener('click', () => {
    const bets = readBets(slug);
    delete bets[id];
    writeBets(slug, bets);
    if (input) input.value = '';
    setVeil(true);
    show(undefined);
    (input ?? form.querySelector<HTMLInputElement>('input[type="radio"]'))?.focus();
  });

  fig?.addEventListener('widget-result', (e) => {
    const d = (e as CustomEvent<ResultDetail>).detail;
    if (!d || d.key !== key || built !== undefined) return;
    if (!stateMatches(expected, d.state)) {
      if (box.dataset.phase === 'waiting') {
        say('Ese resultado es con otros valores que los de la pregunta. Para comprobar tu apuesta, pulsa «Restablecer» en el widget y vuelve a probar.', 'other');
      }
      return;
    }
    latest = d.value;
    settle(d.value);
  });

  const stored = readBets(slug)[id];
  show(stored);
  // A shared link to this widget's state (?w-<id>=…) opens it unveiled: its sender wants it seen.
  const shared = new URL(location.href).searchParams.has(`w-${box.dataset.target ?? ''}`);
  setVeil(!stored && !shared);
}

/** Wires every <aside data-predice> of the page (once). */
export function initPredice(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[data-predice]')) {
    if (box.dataset.ready) continue;
    box.dataset.ready = '1';
    setup(box);
  }
}
