/**
 * Browser adapter: the URL of the microphone's AudioWorklet module (mic-worklet.ts with the
 * resampler bundled in), built by Vite (`?worker&url`). Imported lazily by mic-source.ts only when
 * the microphone starts, so Node tests never load it.
 */
import url from './mic-worklet.ts?worker&url';

export const micWorkletUrl: string = url;
