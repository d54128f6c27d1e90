/**
 * KWS audio pipeline (DESIGN.md §Audio features, example 6). Pure modules, Node-tested:
 *   wav.ts           decodeWav, encodeWav16, toInt16, WavError
 *   resample.ts      Resampler (streaming), resample, toMono, toCourseRate, RESAMPLE_DEFAULTS, besselI0
 *   mel.ts           hzToMel, melToHz, melFilterbank, applyMel (HTK, weights at bin frequencies)
 *   dct.ts           makeDct, applyDct (DCT-II orthonormal)
 *   features.ts      AUDIO_DEFAULTS, computeFeatures, FeatureProvider, FrameAnalyzer, frameCount
 *   recognize.ts     RecognizeCommands, RECOGNIZE_DEFAULTS (micro_speech's rules)
 *   types.ts         AudioSource, AudioChunk, AudioProblem, AudioSourceError, AUDIO_RATE_HZ
 *   messages.ts      audioMsg, audioProblem, problemForMediaError (Spanish)
 *   buffer-source.ts BufferSource (a WAV or a sample, injected Scheduler)
 *   mic-chunker.ts   MicChunker (the worklet's mono → 16 kHz → 320-sample chunks)
 * Browser adapters, imported from their own files (not re-exported here):
 *   mic-source.ts (MicSource), mic-worklet.ts (the AudioWorklet processor), mic-worklet-url.ts.
 */
export * from './wav';
export * from './resample';
export * from './mel';
export * from './dct';
export * from './features';
export * from './recognize';
export * from './types';
export * from './messages';
export * from './buffer-source';
export * from './mic-chunker';
