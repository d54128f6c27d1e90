import { pickFields } from '../lib/state/check';
import { nums } from '../lib/state/schema';
import { MAX_WIDTH, WIDTHS } from './core';

/** State of the int8-scaling widget (URL-shareable): the width multipliers k to sweep. */
export const schema = {
  widths: nums([...WIDTHS], 1, MAX_WIDTH, 1, 8),
};

/** Author options (`config={{ widths: [1, 2] }}`): the ladder shown first (and after «Restablecer»). */
export const configSchema = pickFields(schema, ['widths']);
