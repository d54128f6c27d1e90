/**
 * The one opener of IndexedDB database `tinyml-motion` (browser adapter), shared by the data set
 * store (dataset-store.ts) and «tu modelo de movimiento» (model.ts).
 *
 * Version 1, two object stores:
 * - `recordings`: lib/sensors Recording objects, keyPath 'id';
 * - `models`: `{ key, model }`, keyPath 'key'.
 * The connection is opened once per page and reused; if another tab upgrades the database the
 * connection closes itself and the next call opens a new one. Failures reject with an Error
 * whose message is Spanish and says why (no IndexedDB, private mode, blocked, quota).
 */
import { dbOpener } from '../storage/idb';

export const MOTION_DB = 'tinyml-motion';
export const MOTION_DB_VERSION = 1;
export const RECORDINGS_STORE = 'recordings';
export const MODELS_STORE = 'models';

export { idbReason, reqDone, txDone } from '../storage/idb';

export const openMotionDb: () => Promise<IDBDatabase> = dbOpener({
  name: MOTION_DB,
  version: MOTION_DB_VERSION,
  stores: [{ name: RECORDINGS_STORE, keyPath: 'id' }, { name: MODELS_STORE, keyPath: 'key' }],
});
