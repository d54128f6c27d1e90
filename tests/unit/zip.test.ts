import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../widgets/lib/data/crc32';
import { dosDateTime, looksLikeZip, readZip, zipStore, ZipError } from '../../widgets/lib/storage/zip';

const enc = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
const py = (code: string, ...args: string[]): string => execFileSync('python3', ['-c', code, ...args], { encoding: 'utf8' });

describe('zipStore / readZip', () => {
  it('CRC-32 known vector (the one zip uses)', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });

  it('DOS date and time words', () => {
    // 2026-12-04 17:51:08 → time 17<<11 | 51<<5 | 4, date (46<<9) | (12<<5) | 4
    expect(dosDateTime(new Date(2026, 11, 4, 17, 51, 8))).toEqual({ time: (17 << 11) | (51 << 5) | 4, date: (46 << 9) | (12 << 5) | 4 });
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual({ time: 0, date: 33 });
  });

  it('a known tiny archive byte for byte: one entry "a.txt" = "hi"', () => {
    const z = zipStore([{ name: 'a.txt', data: enc.encode('hi') }]);
    expect(z.length).toBe(30 + 5 + 2 + 46 + 5 + 22);
    const v = new DataView(z.buffer);
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    expect(v.getUint32(14, true)).toBe(crc32(enc.encode('hi')));
    expect(v.getUint32(37, true)).toBe(0x02014b50);
    expect(v.getUint32(z.length - 22, true)).toBe(0x06054b50);
    expect(looksLikeZip(z)).toBe(true);
    expect(looksLikeZip(enc.encode('RIFF....'))).toBe(false);
  });

  it('python3 -m zipfile tests and extracts what we write (UTF-8 folder names)', () => {
    const files = [
      { name: 'sí/rec-1.wav', data: new Uint8Array(1000).map((_, i) => (i * 7) & 255) },
      { name: 'no/rec-2.wav', data: enc.encode('dos') },
      { name: 'vacío.txt', data: new Uint8Array(0) },
    ];
    const path = join(dir, 'ours.zip');
    writeFileSync(path, zipStore(files, new Date(2026, 0, 2, 3, 4, 6)));
    expect(execFileSync('python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' })).toContain('Done testing');
    const out = join(dir, 'out');
    execFileSync('python3', ['-m', 'zipfile', '-e', path, out]);
    for (const f of files) expect(new Uint8Array(readFileSync(join(out, f.name)))).toEqual(f.data);
    const listed = py('import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print(";".join(f"{i.filename}|{i.date_time}" for i in z.infolist()))', path).trim();
    expect(listed).toBe('sí/rec-1.wav|(2026, 1, 2, 3, 4, 6);no/rec-2.wav|(2026, 1, 2, 3, 4, 6);vacío.txt|(2026, 1, 2, 3, 4, 6)');
  });

  it('reads back its own archives', async () => {
    const files = [{ name: 'a/b.bin', data: new Uint8Array([1, 2, 3]) }, { name: 'c.bin', data: new Uint8Array(70000).fill(9) }];
    const back = await readZip(zipStore(files));
    expect(back.map((e) => e.name)).toEqual(['a/b.bin', 'c.bin']);
    expect(back[0]!.data).toEqual(files[0]!.data);
    expect(back[1]!.data).toEqual(files[1]!.data);
  });

  it('reads archives made by python (stored and deflated, with a folder entry and a comment)', async () => {
    const path = join(dir, 'py.zip');
    py(`import sys,zipfile
z=zipfile.ZipFile(sys.argv[1],'w')
z.writestr('sí/', b'')
z.writestr('sí/x.wav', b'abc'*500, compress_type=zipfile.ZIP_DEFLATED)
z.writestr('no/y.wav', b'hola', compress_type=zipfile.ZIP_STORED)
z.comment=b'hecho en python'
z.close()`, path);
    const back = await readZip(new Uint8Array(readFileSync(path)));
    expect(back.map((e) => e.name)).toEqual(['sí/x.wav', 'no/y.wav']);
    expect(new TextDecoder().decode(back[0]!.data)).toBe('abc'.repeat(500));
    expect(new TextDecoder().decode(back[1]!.data)).toBe('hola');
  });

  it('a damaged entry gets its own Spanish error, the others still read', async () => {
    const z = zipStore([{ name: 'bueno.wav', data: enc.encode('bien') }, { name: 'malo.wav', data: enc.encode('roto') }]);
    // Flip one data byte of the second entry (offset: first entry 30 + 9 + 4, then 30 + 8).
    const at = 30 + 9 + 4 + 30 + 8;
    z[at] = z[at]! ^ 0xff;
    const back = await readZip(z);
    expect(back[0]).toEqual({ name: 'bueno.wav', data: enc.encode('bien') });
    expect(back[1]!.name).toBe('malo.wav');
    expect(back[1]!.error).toMatch(/CRC-32/);
  });

  it('inflates DEFLATE entries (method 8) written by zlib', async () => {
    const data = enc.encode('palabra '.repeat(200));
    const comp = new Uint8Array(deflateRawSync(data));
    const z = zipStore([{ name: 'x.txt', data: comp }]);
    const v = new DataView(z.buffer);
    // Turn the stored entry into a deflated one: method 8 and the real size and CRC.
    v.setUint16(8, 8, true);
    v.setUint32(14, crc32(data), true);
    v.setUint32(22, data.length, true);
    const cd = 30 + 5 + comp.length;
    v.setUint16(cd + 10, 8, true);
    v.setUint32(cd + 16, crc32(data), true);
    v.setUint32(cd + 24, data.length, true);
    const back = await readZip(z);
    expect(back[0]!.data).toEqual(data);
  });

  it('not a zip: ZipError in Spanish', async () => {
    await expect(readZip(enc.encode('esto no es un zip'))).rejects.toBeInstanceOf(ZipError);
    await expect(readZip(enc.encode('esto no es un zip'))).rejects.toThrow(/No es un archivo \.zip/);
  });
});
