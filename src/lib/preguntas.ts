/**
 * Pure parts of <Pregunta> (a self-check question): after reading the answer the student says
 * how it went, and the course remembers it so a later visit shows which questions to revisit.
 *
 * Storage: key `tinyml:preguntas:<lesson-slug>`, value JSON object
 *   { [questionNumber]: { mark: 'si' | 'medias' | 'no', at: string (ISO 8601) } }
 * Exported and imported with the rest of the progress by /ajustes/ (every `tinyml:` key).
 */
import { decodeRecords, encodeRecords, type Records } from './storage/records';

export const MARKS = ['si', 'medias', 'no'] as const;
export type Mark = (typeof MARKS)[number];

/** The button text and the reminder line shown next to the question once marked. */
export const MARK_TEXT: Record<Mark, { button: string; reminder: string }> = {
  si: { button: 'Sí', reminder: 'La última vez te salió' },
  medias: { button: 'A medias', reminder: 'La última vez te salió a medias: vuelve a ella' },
  no: { button: 'Todavía no', reminder: 'La última vez no te salió: vuelve a ella' },
};

export interface Answer {
  mark: Mark;
  /** When the student marked it, ISO 8601. */
  at: string;
}

export type Answers = Records<Answer>;

export const storageKey = (slug: string): string => `tinyml:preguntas:${slug}`;

export const isMark = (v: unknown): v is Mark => typeof v === 'string' && (MARKS as readonly string[]).includes(v);

/** Parses the stored JSON; anything malformed is dropped entry by entry, never thrown. */
export const decodeAnswers = (raw: string | null): Answers =>
  decodeRecords(raw, ({ mark, at }): Answer | undefined => (isMark(mark) && typeof at === 'string' ? { mark, at } : undefined));

export const encodeAnswers: (answers: Answers) => string = encodeRecords;

/**
 * The lesson's tally for the line above its questions, or '' when nothing is marked:
 * «Llevas 3 de 8 preguntas: 2 te salieron, 1 a medias.»
 * @param total number of <Pregunta> on the page (≥ the number of marked ones)
 */
export function tallyText(answers: Answers, total: number): string {
  const marks = Object.values(answers).map((a) => a.mark);
  if (marks.length === 0) return '';
  const count = (m: Mark) => marks.filter((x) => x === m).length;
  const parts = [
    count('si') > 0 ? `${count('si')} ${count('si') === 1 ? 'te salió' : 'te salieron'}` : '',
    count('medias') > 0 ? `${count('medias')} a medias` : '',
    count('no') > 0 ? `${count('no')} todavía no` : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} y ${parts.at(-1)}` : parts[0];
  const noun = total === 1 ? 'pregunta' : 'preguntas';
  return `Llevas ${marks.length} de ${total} ${noun}: ${list}.`;
}
