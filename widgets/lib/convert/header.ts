/**
 * The model as a C source for TFLite Micro (model_data.h): the bytes in a 16-byte aligned array,
 * because the interpreter reads weights in place and its kernels expect aligned buffers.
 */
export function cHeader(bytes: Uint8Array, opts: { name?: string; comment?: string } = {}): string {
  const name = opts.name ?? 'g_model';
  const guard = 'MODEL_DATA_H_';
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 12) {
    lines.push('  ' + Array.from(bytes.subarray(i, i + 12), (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ') + ',');
  }
  const comment = (opts.comment ?? '').split('\n').filter(Boolean).map((l) => `// ${l}`);
  return [
    ...comment,
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '',
    `alignas(16) const unsigned char ${name}[] = {`,
    ...lines,
    '};',
    `const unsigned int ${name}_len = ${bytes.length};`,
    '',
    `#endif  // ${guard}`,
    '',
  ].join('\n');
}
