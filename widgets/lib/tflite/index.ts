/** TensorFlow Lite flatbuffers: write, read and inspect .tflite files (pure, no DOM). */
export * from './schema';
export * from './types';
export * from './bytes';
export { writeTflite, BUFFER_ALIGNMENT } from './writer';
export { validateModel } from './validate';
export { readTflite } from './reader';
export { TfliteError, type TfliteErrorCode } from './errors';
export type { TfliteModelInfo, TfliteOperatorInfo, TfliteSubGraphInfo, TfliteTensorInfo } from './reader';
export { describeNonTflite } from './sniff';
export { TfliteGraphBuilder, type TensorSpec } from './graph';
export { operatorVersion, type OpSignature } from './versions';
export * from './examples';
