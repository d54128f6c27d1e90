/**
 * CRC-32 (IEEE 802.3, the one in zip, gzip and PNG: reflected polynomial 0xEDB88320, initial value
 * and final XOR 0xFFFFFFFF). crc32('123456789') = 0xCBF43926. Returns an unsigned 32-bit integer.
 * scripts/prepare-mnist.mjs carries a copy (plain Node cannot import TypeScript); the unit tests
 * check both against node:zlib's crc32.
 */
let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
