import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../widgets/lib/state/codec';
import {
  acceptsValue, checkConfig, checkPatch, ignoredNotice, pickFields, sharedLinkIssues, validConfig,
} from '../../widgets/lib/state/check';
import { bool, defaults, int, num, nums, oneOf } from '../../widgets/lib/state/schema';
import { configSchema as gdConfig, schema as gdState } from '../../widgets/gd-explorer/schema';

const schema = {
  lr: num(0.1, 0.0001, 10),
  seed: int(42, 0, 2 ** 32 - 1),
  showGrad: bool(false),
  act: oneOf(['relu', 'sigmoid', 'tanh'] as const, 'relu'),
  w: nums([0.5, -1, 2], -5, 5, 2, 4),
};

describe('setState patches (checkPatch)', () => {
  it('accepts valid fields of every kind, copying lists', () => {
    const w = [1, 2];
    const { accepted, refused } = checkPatch(schema, { lr: 3, seed: 7, showGrad: true, act: 'tanh', w });
    expect(refused).toEqual([]);
    expect(accepted).toEqual({ lr: 3, seed: 7, showGrad: true, act: 'tanh', w: [1, 2] });
    expect(accepted.w).not.toBe(w);
  });

  it('refuses out-of-range, wrong-type, non-integer, unknown and non-finite fields, naming each', () => {
    const { accepted, refused } = checkPatch(schema, {
      lr: 500, seed: 2.5, showGrad: 1, act: 'gelu', w: [1], extra: 3, lr2: Number.NaN,
    });
    expect(refused.map((r) => r.key)).toEqual(['lr', 'seed', 'showGrad', 'act', 'w', 'extra', 'lr2']);
    expect(refused[0]).toEqual({ key: 'lr', value: 500 });
    expect(accepted).toEqual({});
    expect(checkPatch(schema, { lr: Number.POSITIVE_INFINITY }).refused).toHaveLength(1);
    expect(checkPatch(schema, { w: [1, Number.NaN] }).refused).toHaveLength(1);
    expect(checkPatch(schema, { toString: 1 }).refused).toHaveLength(1); // not an own key
  });

  it('accepts exactly what the URL decoder accepts (every value it takes survives a round trip)', () => {
    const values = [0, -0, 1e-7, 0.1 + 0.2, 5, -5, 5.0000001, 10, 10.5, 1e21, -1e-300, Number.NaN, '3', true, null, undefined];
    for (const v of values) {
      for (const [key, field] of Object.entries(schema)) {
        const cand = field.kind === 'numbers' ? [v, v] : v;
        const ok = acceptsValue(field, cand);
        const state = { ...defaults(schema), [key]: cand } as ReturnType<typeof defaults<typeof schema>>;
        const back = ok ? decodeState(schema, encodeState(schema, state)) : null;
        if (back) {
          expect(back.rejected, `${key}=${String(v)}`).toEqual([]);
          // -0 is written as 0: the same number for every widget.
          expect(JSON.stringify(back.state[key as keyof typeof schema]), `${key}=${String(v)}`).toBe(JSON.stringify(cand));
        }
      }
    }
  });

  it('refuses an enum option that cannot be written into the link', () => {
    const odd = { mode: oneOf(['a', 'b;c'] as const, 'a') };
    expect(acceptsValue(odd.mode, 'a')).toBe(true);
    expect(acceptsValue(odd.mode, 'b;c')).toBe(false);
  });
});

describe('ignored fields of a shared link (sharedLinkIssues)', () => {
  it('lists unknown keys, rejected values and keyless fragments in text order', () => {
    const issues = sharedLinkIssues(schema, 'lr:abc;seed:5;colour:red;;:::;act:gelu;plain;w:1,2');
    expect(issues).toEqual([
      { key: 'lr', value: 'abc' },
      { key: 'colour', value: 'red' },
      { key: '', value: '::' },
      { key: 'act', value: 'gelu' },
      { key: '', value: 'plain' },
    ]);
  });

  it('is empty for a clean link and for no link', () => {
    expect(sharedLinkIssues(schema, encodeState(schema, defaults(schema)))).toEqual([]);
    expect(sharedLinkIssues(schema, null)).toEqual([]);
    expect(sharedLinkIssues(schema, '')).toEqual([]);
  });

  it('tells the user in Spanish which fields were ignored', () => {
    expect(ignoredNotice([{ key: 'battery', value: 'xx' }])).toBe(
      'El enlace compartido traía un campo que esta demostración no reconoce o cuyo valor no es válido, y se ha ignorado: «battery». En su lugar se usa el valor inicial.',
    );
    const many = ignoredNotice([{ key: 'battery', value: 'xx' }, { key: 'dutyPct', value: 'abc' }, { key: '', value: '::' }]);
    expect(many).toContain('se han ignorado: «battery», «dutyPct» y «::».');
    expect(many).toContain('valores iniciales');
  });
});

describe('author config (checkConfig)', () => {
  const cfg = { dims: int(1, 1, 2), mode: oneOf(['a', 'b'] as const, 'a') };

  it('accepts valid keys and no config at all', () => {
    expect(checkConfig(cfg, { dims: 2, mode: 'b' })).toEqual([]);
    expect(checkConfig(cfg, {})).toEqual([]);
    expect(checkConfig(cfg, undefined)).toEqual([]);
  });

  it('names the key of a typo and of a bad value, and what is allowed', () => {
    const [typo] = checkConfig(cfg, { dimz: 1 });
    expect(typo!.key).toBe('dimz');
    expect(typo!.message).toContain('dims, mode');
    const [bad] = checkConfig(cfg, { dims: 3 });
    expect(bad).toEqual({ key: 'dims', message: '«dims: 3» no es válido; debe ser un entero entre 1 y 2' });
    expect(checkConfig(cfg, { mode: 'c' })[0]!.message).toContain("'a', 'b'");
    expect(checkConfig({}, { x: 1 })[0]!.message).toContain('no admite ninguna opción');
    expect(checkConfig(cfg, [1])[0]!.key).toBe('');
  });

  it('keeps only valid keys in the browser', () => {
    expect(validConfig(cfg, { dims: 3, mode: 'b', other: 1 })).toEqual({ mode: 'b' });
    expect(validConfig(cfg, 'nope')).toEqual({});
  });

  it('gd-explorer: config shares the surface field with the state and refuses dims: 3', () => {
    expect(pickFields(gdState, ['surface'])).toEqual({ surface: gdState.surface });
    expect(gdConfig.surface).toBe(gdState.surface);
    expect(checkConfig(gdConfig, { dims: 1 })).toEqual([]);
    expect(checkConfig(gdConfig, { dims: 2, surface: 'recta' })).toEqual([]);
    expect(checkConfig(gdConfig, { dims: 3 }).map((p) => p.key)).toEqual(['dims']);
    expect(checkConfig(gdConfig, { surface: 'nope' }).map((p) => p.key)).toEqual(['surface']);
  });
});
