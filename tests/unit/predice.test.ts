import { describe, expect, it } from 'vitest';
import { amount, betText, decodeBets, encodeBets, gapText, parseGuess, stateMatches, storageKey } from '../../src/lib/predice';

const pasos = { plural: 'pasos', singular: 'paso' };

describe('predice gap text', () => {
  it('says how far the guess was, in the direction of the result', () => {
    expect(gapText(40, 23, pasos)).toBe('Dijiste 40 pasos; fueron 23: 17 menos.');
    expect(gapText(5, 10, pasos)).toBe('Dijiste 5 pasos; fueron 10: 5 más.');
    expect(gapText(10, 10, pasos)).toBe('Dijiste 10 pasos; fueron 10: ¡exacto!');
  });

  it('uses the singular and «fue» for exactly one', () => {
    expect(gapText(1, 3, pasos)).toBe('Dijiste 1 paso; fueron 3: 2 más.');
    expect(gapText(3, 1, pasos)).toBe('Dijiste 3 pasos; fue 1: 2 menos.');
  });

  it('rounds to the shown decimals with a decimal comma; percentages differ in points', () => {
    const pc = { plural: '%', decimals: 1 };
    expect(gapText(90, 97.43, pc)).toBe('Dijiste 90 %; fueron 97,4 %: 7,4 puntos más.');
    expect(gapText(97.44, 97.43, pc)).toBe('Dijiste 97,4 %; fueron 97,4 %: ¡exacto!');
    expect(gapText(98, 97, pc)).toBe('Dijiste 98 %; fueron 97 %: 1 punto menos.');
    expect(amount(0.5, { plural: '', decimals: 2 })).toBe('0,5');
    // Integers grouped with a thin space, as everywhere in the course.
    expect(gapText(100, 11642, { plural: 'parámetros' })).toBe('Dijiste 100 parámetros; fueron 11\u202f642: 11\u202f542 más.');
  });

  it('options: right or wrong, quoting both', () => {
    expect(gapText('7', '7')).toBe('Dijiste «7»; fue «7»: ¡acertaste!');
    expect(gapText('1', '7')).toBe('Dijiste «1»; fue «7».');
    expect(betText('26 × 26 × 8')).toBe('Tu apuesta: «26 × 26 × 8».');
    expect(betText(40, pasos)).toBe('Tu apuesta: 40 pasos.');
  });
});

describe('predice guess parsing', () => {
  it('reads Spanish and English decimals, minus signs and spaces', () => {
    expect(parseGuess('40')).toBe(40);
    expect(parseGuess(' 3,5 ')).toBe(3.5);
    expect(parseGuess('3.5')).toBe(3.5);
    expect(parseGuess('−2')).toBe(-2);
    expect(parseGuess('12 000')).toBe(12000);
  });
  it('refuses what is not a number', () => {
    for (const t of ['', 'diez', '3,5,1', '1e3', '--2', '5 %']) expect(parseGuess(t), t).toBeNull();
  });
});

describe('predice storage', () => {
  it('key per lesson under tinyml:', () => {
    expect(storageKey('descenso-de-gradiente')).toBe('tinyml:predice:descenso-de-gradiente');
  });

  it('round-trips guesses, results and times', () => {
    const bets = { a: { guess: 40, result: 10, at: '2026-01-02T03:04:05.000Z' }, b: { guess: 'sí', at: '2026-01-02T03:04:06.000Z' } };
    expect(decodeBets(encodeBets(bets))).toEqual(bets);
  });

  it('drops malformed data entry by entry and never throws', () => {
    expect(decodeBets(null)).toEqual({});
    expect(decodeBets('{no json')).toEqual({});
    expect(decodeBets('[1,2]')).toEqual({});
    const raw = JSON.stringify({
      ok: { guess: 3, at: 'x' },
      noAt: { guess: 3 },
      badGuess: { guess: null, at: 'x' },
      nanGuess: { guess: 'NaN', at: 'x', result: {} },
      notObj: 7,
    });
    expect(decodeBets(raw)).toEqual({ ok: { guess: 3, at: 'x' }, nanGuess: { guess: 'NaN', at: 'x' } });
  });
});

describe('predice state match', () => {
  it('only the fields the question fixes count; numbers compared to 1e-9', () => {
    const want = { surface: 'parabola', alpha: 0.3, w1: -3 };
    expect(stateMatches(want, { surface: 'parabola', alpha: 0.1 + 0.2, w1: -3, speed: '30' })).toBe(true);
    expect(stateMatches(want, { surface: 'parabola', alpha: 0.31, w1: -3 })).toBe(false);
    expect(stateMatches(want, { surface: 'doble', alpha: 0.3, w1: -3 })).toBe(false);
    expect(stateMatches(want, undefined)).toBe(false);
    expect(stateMatches(undefined, { any: 1 })).toBe(true);
    expect(stateMatches({ pts: [] }, { pts: [] })).toBe(true);
    expect(stateMatches({ pts: [] }, { pts: [1, 2] })).toBe(false);
  });
});
