import { pickFields } from '../lib/state/check';
import { int, num, oneOf } from '../lib/state/schema';
import { SURFACES, type SurfaceId } from './surfaces';

const ids = SURFACES.map((s) => s.id) as [SurfaceId, ...SurfaceId[]];

/** State of the gradient-descent explorer (URL-shareable). */
export const schema = {
  surface: oneOf(ids, 'parabola'),
  /** Learning rate α; the slider moves log10 α. */
  alpha: num(0.3, 0.0001, 3),
  /** Start point w_0 (w2 unused on 1-D surfaces); clamped to the surface's domain. */
  w1: num(-3, -50, 50),
  w2: num(0, -50, 50),
  /** Steps per second while playing. */
  speed: oneOf(['2', '8', '30', '120'] as const, '8'),
};

/**
 * Author options (`config={{ dims: 1 }}`): `dims` keeps only the 1-D or 2-D surfaces (absent:
 * all); `surface` is the one shown first (and after «Restablecer»).
 */
export const configSchema = {
  dims: int(1, 1, 2),
  ...pickFields(schema, ['surface']),
};
