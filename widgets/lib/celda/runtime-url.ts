/**
 * Browser adapter: the URL of the cell runtime (celda-runtime.ts with tfjs and the course engines
 * bundled in), built by Vite as one classic IIFE Worker script (`?worker&url`), so the sandbox's
 * blob Worker can importScripts it from an opaque origin (module loads would need CORS).
 */
import url from './celda-runtime.ts?worker&url';

export const runtimeUrl: string = url;
