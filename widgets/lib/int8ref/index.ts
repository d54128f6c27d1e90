/** Reference kernels (float32 and int8, TFLite semantics) and a small interpreter (pure, no DOM). */
export * from './geometry';
export * from './float-kernels';
export * from './int8-kernels';
export * from './run';
