import { describe, expect, it } from 'vitest';
import { kwsMetaProblem, standardizeWindow, type KwsMeta } from '../../widgets/lib/kws/contract';

const meta: KwsMeta = {
  format: 'tinyml-kws-model', version: 1, classes: ['sí', 'no'], feature: 'mfcc',
  frames: 2, bins: 3, params: {}, mean: [1, 2, 3], std: [1, 2, 4],
};

describe('kws contract', () => {
  it('standardizes per bin, row-major frames × bins', () => {
    const x = standardizeWindow([[1, 4, 7], [3, 2, -1]], meta);
    expect(Array.from(x)).toEqual([0, 1, 1, 2, 0, -1]);
  });
  it('refuses a window of the wrong shape', () => {
    expect(() => standardizeWindow([[1, 2, 3]], meta)).toThrow(RangeError);
    expect(() => standardizeWindow([[1, 2, 3], [1, 2]], meta)).toThrow(/frame 1/);
  });
  it('names what is wrong with a meta', () => {
    expect(kwsMetaProblem(meta)).toBeNull();
    expect(kwsMetaProblem(null)).toMatch(/no es un modelo/);
    expect(kwsMetaProblem({ ...meta, feature: 'x' })).toMatch(/características/);
    expect(kwsMetaProblem({ ...meta, std: [1, 0, 1] })).toMatch(/no positiva/);
    expect(kwsMetaProblem({ ...meta, mean: [1] })).toMatch(/normalización/);
  });
});
