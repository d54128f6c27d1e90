export { LITERT_WASM_DIR, compileTflite, loadLiteRt, probeWebGpu, runTflite, runtimeLog, type CompiledTflite } from './runtime';
