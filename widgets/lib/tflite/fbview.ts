/**
 * A bounds-checked view of a flatbuffer, for files we did not write. Every offset is checked
 * against the file before it is followed, so a truncated or hostile file raises `FbFault`
 * (never a RangeError from deep inside, nor garbage read past the end). Primitive reads go
 * through the flatbuffers ByteBuffer once the range is known to be inside the file.
 *
 * Layout reminders (flatbuffers binary format): a table starts with an int32 soffset to its
 * vtable (vtable = table − soffset); the vtable holds uint16 vtable size, uint16 table size, and
 * one uint16 offset per field slot (0 = absent). Offsets to sub-objects are uint32, relative to
 * the field's own position. Vectors and strings start with a uint32 length.
 */
import { ByteBuffer } from 'flatbuffers';

/** 'bounds': something points past the end of the file; 'format': an impossible structure; 'budget': too much work. */
export class FbFault extends Error {
  constructor(
    readonly kind: 'bounds' | 'format' | 'budget',
    message: string,
  ) {
    super(message);
    this.name = 'FbFault';
  }
}

export class FbFile {
  readonly bb: ByteBuffer;
  readonly length: number;
  /** Elements we may still read: bounds the work a file whose vectors overlap could cause. */
  private budget: number;

  constructor(readonly bytes: Uint8Array) {
    this.bb = new ByteBuffer(bytes);
    this.length = bytes.length;
    this.budget = 8 * bytes.length + 1_000_000;
  }

  /** Throws unless [pos, pos + size) lies inside the file. */
  need(pos: number, size: number, what: string): void {
    if (!Number.isSafeInteger(pos) || pos < 0) throw new FbFault('format', `${what}: posición no válida (${pos})`);
    if (pos + size > this.length) {
      throw new FbFault('bounds', `${what}: apunta al byte ${pos + size} y el archivo tiene ${this.length}`);
    }
  }

  spend(n: number, what: string): void {
    this.budget -= n;
    if (this.budget < 0) throw new FbFault('budget', `${what}: demasiadas referencias cruzadas`);
  }

  u16(pos: number): number {
    return this.bb.readUint16(pos);
  }
  i32(pos: number): number {
    return this.bb.readInt32(pos);
  }
  u32(pos: number): number {
    return this.bb.readUint32(pos);
  }

  /** The root table: the uint32 at byte 0 is its offset. */
  root(what: string): FbTable {
    this.need(0, 4, what);
    return new FbTable(this, this.u32(0), what);
  }
}

export interface FbVector {
  /** File offset of the first element. */
  start: number;
  length: number;
}

export class FbTable {
  private readonly vt: number;
  private readonly vtSize: number;
  private readonly objSize: number;

  constructor(
    readonly file: FbFile,
    readonly pos: number,
    readonly what: string,
  ) {
    file.need(pos, 4, what);
    const vt = pos - file.i32(pos);
    file.need(vt, 4, `${what} (vtable)`);
    const vtSize = file.u16(vt);
    const objSize = file.u16(vt + 2);
    if (vtSize < 4 || vtSize % 2 !== 0) throw new FbFault('format', `${what}: vtable de tamaño imposible (${vtSize})`);
    if (objSize < 4) throw new FbFault('format', `${what}: tabla de tamaño imposible (${objSize})`);
    file.need(vt, vtSize, `${what} (vtable)`);
    file.need(pos, objSize, what);
    this.vt = vt;
    this.vtSize = vtSize;
    this.objSize = objSize;
  }

  /** File position of field `slot` holding `size` bytes, or −1 when the field is absent. */
  private field(slot: number, size: number): number {
    const o = 4 + 2 * slot;
    if (o + 2 > this.vtSize) return -1;
    const rel = this.file.u16(this.vt + o);
    if (rel === 0) return -1;
    if (rel + size > this.objSize) throw new FbFault('format', `${this.what}: el campo ${slot} sale de su tabla`);
    return this.pos + rel;
  }

  has(slot: number): boolean {
    return this.field(slot, 0) >= 0;
  }

  /** The scalar in field `slot` (`size` bytes, read by `read`), or `def` when the field is absent. */
  private scalar(slot: number, size: number, def: number, read: (p: number) => number): number {
    const p = this.field(slot, size);
    return p < 0 ? def : read(p);
  }

  u8(slot: number, def: number): number {
    return this.scalar(slot, 1, def, (p) => this.file.bb.readUint8(p));
  }
  i8(slot: number, def: number): number {
    return this.scalar(slot, 1, def, (p) => this.file.bb.readInt8(p));
  }
  i32(slot: number, def: number): number {
    return this.scalar(slot, 4, def, (p) => this.file.bb.readInt32(p));
  }
  u32(slot: number, def: number): number {
    return this.scalar(slot, 4, def, (p) => this.file.bb.readUint32(p));
  }
  u64(slot: number, def: number): number {
    return this.scalar(slot, 8, def, (p) => Number(this.file.bb.readUint64(p)));
  }
  f32(slot: number, def: number): number {
    return this.scalar(slot, 4, def, (p) => this.file.bb.readFloat32(p));
  }
  bool(slot: number): boolean {
    return this.u8(slot, 0) !== 0;
  }

  /** Follows the uint32 offset stored in field `slot`; −1 when absent. */
  private indirect(slot: number, what: string): number {
    const p = this.field(slot, 4);
    if (p < 0) return -1;
    const target = p + this.file.u32(p);
    this.file.need(target, 4, what);
    return target;
  }

  table(slot: number, what: string): FbTable | null {
    const p = this.indirect(slot, what);
    return p < 0 ? null : new FbTable(this.file, p, what);
  }

  vector(slot: number, elemSize: number, what: string): FbVector | null {
    const v = this.indirect(slot, what);
    if (v < 0) return null;
    const length = this.file.u32(v);
    this.file.need(v + 4, length * elemSize, what);
    return { start: v + 4, length };
  }

  string(slot: number, what: string): string | null {
    const v = this.vector(slot, 1, what);
    if (!v) return null;
    this.file.spend(v.length, what);
    return new TextDecoder('utf-8').decode(this.file.bytes.subarray(v.start, v.start + v.length));
  }

  int32s(slot: number, what: string): number[] | null {
    const v = this.vector(slot, 4, what);
    if (!v) return null;
    this.file.spend(v.length, what);
    return Array.from({ length: v.length }, (_, i) => this.file.bb.readInt32(v.start + 4 * i));
  }

  float32s(slot: number, what: string): number[] | null {
    const v = this.vector(slot, 4, what);
    if (!v) return null;
    this.file.spend(v.length, what);
    return Array.from({ length: v.length }, (_, i) => this.file.bb.readFloat32(v.start + 4 * i));
  }

  /** int64 values as numbers (exact up to 2^53, plenty for zero points). */
  int64s(slot: number, what: string): number[] | null {
    const v = this.vector(slot, 8, what);
    if (!v) return null;
    this.file.spend(v.length, what);
    return Array.from({ length: v.length }, (_, i) => Number(this.file.bb.readInt64(v.start + 8 * i)));
  }

  /** The bytes of a [ubyte] field as a view into the file (no copy), with their file offset. */
  bytes(slot: number, what: string): { data: Uint8Array; offset: number } | null {
    const v = this.vector(slot, 1, what);
    if (!v) return null;
    return { data: this.file.bytes.subarray(v.start, v.start + v.length), offset: v.start };
  }

  tables(slot: number, what: (i: number) => string): FbTable[] {
    const v = this.vector(slot, 4, what(-1));
    if (!v) return [];
    this.file.spend(v.length, what(-1));
    const out: FbTable[] = [];
    for (let i = 0; i < v.length; i++) {
      const p = v.start + 4 * i;
      const target = p + this.file.u32(p);
      out.push(new FbTable(this.file, target, what(i)));
    }
    return out;
  }
}
