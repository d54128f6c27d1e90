import { describe, expect, it } from 'vitest';
import { decodeAnswers, encodeAnswers, storageKey, tallyText, type Answers } from '../../src/lib/preguntas';

const at = '2026-12-05T00:00:00.000Z';

describe('preguntas (self-assessment of the self-check questions)', () => {
  it('round-trips and keeps the course key prefix', () => {
    const a: Answers = { '1': { mark: 'si', at }, '3': { mark: 'medias', at } };
    expect(decodeAnswers(encodeAnswers(a))).toEqual(a);
    expect(storageKey('que-es-tinyml')).toBe('tinyml:preguntas:que-es-tinyml');
  });
  it('drops malformed entries one by one and never throws', () => {
    expect(decodeAnswers(null)).toEqual({});
    expect(decodeAnswers('{nope')).toEqual({});
    expect(decodeAnswers('[1,2]')).toEqual({});
    expect(decodeAnswers(JSON.stringify({ '1': { mark: 'quizá', at }, '2': { mark: 'no' }, '3': 5, '4': { mark: 'no', at } })))
      .toEqual({ '4': { mark: 'no', at } });
  });
  it('tallies in Spanish, singular and plural, with «y» before the last part', () => {
    expect(tallyText({}, 4)).toBe('');
    expect(tallyText({ '1': { mark: 'si', at } }, 1)).toBe('Llevas 1 de 1 pregunta: 1 te salió.');
    expect(tallyText({ '1': { mark: 'si', at }, '2': { mark: 'si', at }, '3': { mark: 'medias', at }, '4': { mark: 'no', at } }, 6))
      .toBe('Llevas 4 de 6 preguntas: 2 te salieron, 1 a medias y 1 todavía no.');
    expect(tallyText({ '2': { mark: 'no', at } }, 5)).toBe('Llevas 1 de 5 preguntas: 1 todavía no.');
  });
});
