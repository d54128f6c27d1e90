/**
 * A small .zip writer and reader (pure, no DOM), for exporting and importing sets of WAV clips.
 *
 * Why no dependency (fflate was the alternative): the course only zips 16-bit PCM WAVs, which
 * DEFLATE shrinks by a few percent at most, so the writer stores (method 0) and is ~60 lines;
 * CRC-32 is already in lib/data/crc32.ts. The reader takes what we write and also the DEFLATE
 * entries (method 8) that operating-system «compress» menus produce, inflated with the
 * browser's own DecompressionStream('deflate-raw') (Chromium 80+, Firefox 113+, Safari 16.4+,
 * Node 18+), so nothing is bundled for it.
 *
 * Layout written (APPNOTE 6.3.x, all little-endian), for each entry i:
 *   local header  PK\x03\x04 · version 20 · flags 0x0800 (UTF-8 names) · method 0 · DOS time ·
 *                 DOS date · crc32 · size · size · name length · 0 · name · data
 * then one central-directory record per entry (PK\x01\x02 … local header offset · name) and the
 * end record PK\x05\x06 (entries, directory size, directory offset). No zip64: at most 65535
 * entries and 4 GiB, refused beyond.
 *
 * Reading goes through the central directory (found by scanning back for PK\x05\x06), checks
 * each entry's CRC-32 and gives every entry either its bytes or a Spanish `error` for that entry
 * alone (encrypted, zip64, unknown method, bad CRC), so one damaged file does not lose the rest.
 * A file that is not a zip at all throws a ZipError with a Spanish message.
 */
import { crc32 } from '../data/crc32';

export interface ZipInput {
  /** Path inside the archive, '/' separated, e.g. 'sí/rec-1.wav'. */
  name: string;
  data: Uint8Array;
}

export type ZipEntry = { name: string; data: Uint8Array; error?: undefined } | { name: string; data?: undefined; error: string };

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const FLAG_UTF8 = 0x0800;

/** MS-DOS time and date words of a local time (years before 1980 clamp to 1980-01-01). */
export function dosDateTime(d: Date): { time: number; date: number } {
  const y = d.getFullYear();
  if (y < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.min(y, 2107) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A STORE-only zip of `entries` (in order), stamped with `when`. */
export function zipStore(entries: readonly ZipInput[], when: Date = new Date(1980, 0, 1)): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError(`zipStore: at most 65535 entries (got ${entries.length})`);
  const enc = new TextEncoder();
  const { time, date } = dosDateTime(when);
  const names = entries.map((e) => enc.encode(e.name));
  let localSize = 0;
  for (let i = 0; i < entries.length; i++) localSize += 30 + names[i]!.length + entries[i]!.data.length;
  const centralSize = names.reduce((s, n) => s + 46 + n.length, 0);
  const total = localSize + centralSize + 22;
  if (total > 0xffffffff) throw new RangeError('zipStore: archive over 4 GiB');
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs: number[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    const name = names[i]!;
    const crc = crc32(e.data);
    offsets.push(p);
    crcs.push(crc);
    v.setUint32(p, SIG_LOCAL, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, FLAG_UTF8, true);
    v.setUint16(p + 8, 0, true);
    v.setUint16(p + 10, time, true);
    v.setUint16(p + 12, date, true);
    v.setUint32(p + 14, crc, true);
    v.setUint32(p + 18, e.data.length, true);
    v.setUint32(p + 22, e.data.length, true);
    v.setUint16(p + 26, name.length, true);
    v.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    out.set(e.data, p + 30 + name.length);
    p += 30 + name.length + e.data.length;
  });
  const cdStart = p;
  entries.forEach((e, i) => {
    const name = names[i]!;
    v.setUint32(p, SIG_CENTRAL, true);
    v.setUint16(p + 4, 20, true); // made by: MS-DOS, spec 2.0
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 8, FLAG_UTF8, true);
    v.setUint16(p + 10, 0, true);
    v.setUint16(p + 12, time, true);
    v.setUint16(p + 14, date, true);
    v.setUint32(p + 16, crcs[i]!, true);
    v.setUint32(p + 20, e.data.length, true);
    v.setUint32(p + 24, e.data.length, true);
    v.setUint16(p + 28, name.length, true);
    // extra, comment, disk, internal and external attributes: 0
    v.setUint32(p + 42, offsets[i]!, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  v.setUint32(p, SIG_END, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, p - cdStart, true);
  v.setUint32(p + 16, cdStart, true);
  return out;
}

/** True when the bytes start like a zip (a local header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const s = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return s === SIG_LOCAL || s === SIG_END;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const DS = (globalThis as { DecompressionStream?: typeof DecompressionStream }).DecompressionStream;
  if (!DS) throw new Error('este navegador no sabe descomprimir zip (falta DecompressionStream)');
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DS('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Every file entry of a zip (folders skipped), in directory order. */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let end = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 0xffff); p--) {
    if (v.getUint32(p, true) === SIG_END) {
      end = p;
      break;
    }
  }
  if (end < 0) throw new ZipError('No es un archivo .zip (no encuentro su índice final): puede estar cortado o ser otro tipo de archivo.');
  const count = v.getUint16(end + 10, true);
  const cdOffset = v.getUint32(end + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipError('Este .zip usa el formato zip64 (archivos enormes), que no sé leer.');
  const utf8 = new TextDecoder('utf-8');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || v.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipError('El índice del .zip está dañado: puede que la descarga no terminara.');
    }
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const csize = v.getUint32(p + 20, true);
    const usize = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    const fail = (why: string): void => void out.push({ name, error: why });
    if (flags & 1) { fail('está cifrado con contraseña'); continue; }
    if (csize === 0xffffffff || usize === 0xffffffff || local === 0xffffffff) { fail('usa zip64, que no sé leer'); continue; }
    if (method !== 0 && method !== 8) { fail(`usa un método de compresión que no sé leer (${method})`); continue; }
    if (local + 30 > n || v.getUint32(local, true) !== SIG_LOCAL) { fail('su cabecera dentro del .zip está dañada'); continue; }
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    if (start + csize > n) { fail('está cortado: el .zip termina antes que sus datos'); continue; }
    const raw = bytes.subarray(start, start + csize);
    let data: Uint8Array;
    try {
      data = method === 0 ? raw.slice() : await inflateRaw(raw);
    } catch (e) {
      fail(`no se pudo descomprimir (${(e as Error).message ?? e})`);
      continue;
    }
    if (data.length !== usize || crc32(data) !== crc) { fail('está dañado (su CRC-32 no cuadra)'); continue; }
    out.push({ name, data });
  }
  return out;
}
