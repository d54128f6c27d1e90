/** tfjs LayersModel → TensorFlow Lite (float32 and full-integer int8), pure: no DOM, no tfjs import. */
export * from './keras';
export * from './plan';
export * from './emit';
export * from './convert';
export { cHeader } from './header';
export * from './sliced';
export * from './compare';
