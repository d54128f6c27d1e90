/**
 * Client side of <Pregunta> (src/components/Pregunta.astro): the «¿Te salió?» buttons shown with
 * the answer, the reminder next to each marked question, and the lesson's tally line.
 * Storage: src/lib/preguntas.ts. Without storage (private mode, quota) the mark lasts for this
 * page only, and the status line says so.
 */
import { MARK_TEXT, decodeAnswers, encodeAnswers, isMark, storageKey, tallyText, type Answers } from '../lib/preguntas';
import { readItem, writeItem } from './local-storage';

const read = (slug: string): Answers => decodeAnswers(readItem(storageKey(slug)));

const write = (slug: string, answers: Answers): boolean => writeItem(storageKey(slug), encodeAnswers(answers));

export function initPreguntas(): void {
  const boxes = [...document.querySelectorAll<HTMLElement>('[data-pregunta]')];
  if (boxes.length === 0) return;
  const slug = boxes[0]!.dataset.slug ?? '';
  let answers = read(slug);
  const tally = document.querySelector<HTMLElement>('[data-preguntas-tally]');

  const paint = () => {
    for (const box of boxes) {
      const a = answers[box.dataset.pregunta ?? ''];
      const reminder = box.querySelector<HTMLElement>('[data-pregunta-reminder]')!;
      reminder.textContent = a ? MARK_TEXT[a.mark].reminder : '';
      if (a) box.dataset.mark = a.mark;
      else delete box.dataset.mark;
      for (const b of box.querySelectorAll<HTMLButtonElement>('[data-mark]')) {
        b.setAttribute('aria-pressed', String(a?.mark === b.dataset.mark));
      }
    }
    if (tally) tally.textContent = tallyText(answers, boxes.length);
  };

  for (const box of boxes) {
    const id = box.dataset.pregunta ?? '';
    const status = box.querySelector<HTMLElement>('[data-pregunta-status]')!;
    box.querySelector<HTMLElement>('[data-pregunta-rate]')!.hidden = false;
    for (const b of box.querySelectorAll<HTMLButtonElement>('[data-mark]')) {
      b.addEventListener('click', () => {
        const mark = b.dataset.mark;
        if (!isMark(mark)) return;
        answers = { ...read(slug), [id]: { mark, at: new Date().toISOString() } };
        const saved = write(slug, answers);
        status.textContent = saved
          ? `Anotado: «${MARK_TEXT[mark].button}». Puedes cambiarlo cuando quieras.`
          : `Anotado solo en esta página: el navegador no deja guardar datos (¿modo privado?).`;
        paint();
      });
    }
  }
  paint();
  document.documentElement.dataset.preguntas = 'ready';
}
