import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, readStateParam, shareLink } from '../../widgets/lib/state/codec';
import { bool, defaults, int, num, nums, oneOf } from '../../widgets/lib/state/schema';

const schema = {
  lr: num(0.1, 0.0001, 10),
  seed: int(42, 0, 2 ** 32 - 1),
  showGrad: bool(false),
  act: oneOf(['relu', 'sigmoid', 'tanh'] as const, 'relu'),
  w: nums([0.5, -1, 2], -5, 5, 2, 4),
};

describe('URL state codec', () => {
  it('round-trips every field type exactly', () => {
    const state = { lr: 0.0123456789, seed: 4294967295, showGrad: true, act: 'tanh' as const, w: [-4.75, 0.1 + 0.2, 5, -5] };
    const text = encodeState(schema, state);
    const back = decodeState(schema, text);
    expect(back.rejected).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('round-trips through a share link and URLSearchParams', () => {
    const state = { ...defaults(schema), w: [1e-7, -3.5], act: 'sigmoid' as const };
    const link = shareLink('http://127.0.0.1:4321/lecciones/x/?a=1#old', 'neurona', encodeState(schema, state));
    expect(link).toMatch(/#neurona$/);
    expect(new URL(link).searchParams.get('a')).toBe('1');
    expect(decodeState(schema, readStateParam(link, 'neurona')).state).toEqual(state);
    expect(readStateParam(link, 'otro')).toBeNull();
  });

  it('falls back to defaults, field by field, on malformed text and never throws', () => {
    const bad = [
      'lr:abc;seed:1.5;showGrad:yes;act:softmax;w:1,2,3,4,5',
      'lr:1e999;seed:-1;w:',
      ';;;:::;lr;=;%%%',
      'lr:0x10;seed: 7;w:1,,2',
      'lr:NaN;w:Infinity,1',
    ];
    for (const text of bad) {
      const { state } = decodeState(schema, text);
      expect(state).toEqual(defaults(schema));
    }
    expect(decodeState(schema, null).state).toEqual(defaults(schema));
    expect(readStateParam('not a url', 'x')).toBeNull();
  });

  it('keeps the valid fields and reports the rejected ones', () => {
    const { state, rejected } = decodeState(schema, 'lr:0.5;seed:oops;act:sigmoid;unknown:1');
    expect(state.lr).toBe(0.5);
    expect(state.act).toBe('sigmoid');
    expect(state.seed).toBe(42);
    expect(rejected).toEqual(['seed']);
  });

  it('defaults() returns fresh arrays', () => {
    const a = defaults(schema);
    a.w.push(9);
    expect(defaults(schema).w).toEqual([0.5, -1, 2]);
  });
});
