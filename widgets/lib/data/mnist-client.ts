/**
 * Browser-side access to the course's MNIST file (public/data/mnist-10k.bin), shared by every
 * widget on a page: the first call starts one same-origin fetch, later calls get the same
 * promise, so two widgets download and parse the 7,5 MB file once. A failed load is forgotten,
 * so the next call (e.g. a «Reintentar» button) tries again.
 *
 * Only views import this module (it calls fetch); the pure reader is ./mnist.ts.
 */
import { loadMnist, MnistError, type MnistData } from './mnist';

/** Where the build puts the file (scripts/prepare-mnist.mjs writes public/data/mnist-10k.bin). */
export const MNIST_URL = '/data/mnist-10k.bin';

let cached: Promise<MnistData> | null = null;

/** The parsed data set (train 8 000 + test 2 000 digits); rejects with a Spanish MnistError. */
export function getMnist(): Promise<MnistData> {
  if (!cached) {
    const p = loadMnist(MNIST_URL);
    cached = p;
    p.catch(() => {
      if (cached === p) cached = null;
    });
  }
  return cached;
}

/** A message for the student from any load failure (MnistError messages are already Spanish). */
export function mnistErrorText(error: unknown): string {
  if (error instanceof MnistError) return error.message;
  const why = error instanceof Error && error.message ? `: ${error.message}` : '';
  return `No se pudieron cargar los dígitos MNIST${why}.`;
}
