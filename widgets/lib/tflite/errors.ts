/**
 * The only exception `readTflite` throws. `message` is Spanish and meant for the student;
 * `code` lets a view react (e.g. suggest re-downloading a truncated file).
 * - empty: no bytes at all; truncated: shorter than its own structure says;
 * - not-tflite: the identifier "TFL3" is missing (another kind of file);
 * - corrupt: impossible structure or dangling indices; unsupported: enum values from a newer
 *   schema; too-complex: so many overlapping references that reading was stopped.
 */
export type TfliteErrorCode = 'empty' | 'truncated' | 'not-tflite' | 'corrupt' | 'unsupported' | 'too-complex';

export class TfliteError extends Error {
  constructor(
    readonly code: TfliteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TfliteError';
  }
}
