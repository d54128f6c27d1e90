/** Quantization math for lessons 12–13 (pure, no DOM). */
export * from './minmax';
export * from './affine';
export * from './metrics';
export * from './requant';
export * from './weights';
export * from './prune';
