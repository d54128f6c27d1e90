/** Pure CNN building blocks (HWC Float32Array maps, TensorFlow padding rules); see each module. */
export * from './tensor';
export * from './ops';
export * from './pool';
export * from './shapes';
