/**
 * Checks the references inside a model before it is written: buffer 0 empty, every tensor,
 * buffer and operator-code index in range, quantization arrays consistent with the shape.
 * Problems are programming errors of the caller, reported as RangeError (in English).
 */
import { TensorType } from './schema';
import type { TfliteModel } from './types';

const isInt = (x: number, lo: number, hi: number): boolean => Number.isInteger(x) && x >= lo && x <= hi;

/** Throws a RangeError describing the first problem found. */
export function validateModel(m: TfliteModel): void {
  const fail = (msg: string): never => {
    throw new RangeError(msg);
  };
  if (m.buffers.length === 0 || m.buffers[0]!.length !== 0) fail('buffers[0] must exist and be empty');
  if (m.subgraphs.length === 0) fail('a model needs at least one subgraph');
  m.operatorCodes.forEach((c, i) => {
    if (!isInt(c.builtinCode, 0, 0x7fffffff)) fail(`operatorCodes[${i}].builtinCode is invalid`);
    if (!isInt(c.version, 1, 0x7fffffff)) fail(`operatorCodes[${i}].version must be >= 1`);
  });
  m.subgraphs.forEach((g, gi) => {
    const nt = g.tensors.length;
    g.tensors.forEach((t, ti) => {
      const where = `subgraph ${gi} tensor ${ti}`;
      if (!(t.type in TensorType)) fail(`${where}: unknown type ${t.type}`);
      if (!t.shape.every((d) => isInt(d, 0, 0x7fffffff))) fail(`${where}: shape must hold non-negative integers`);
      if (!isInt(t.buffer, 0, m.buffers.length - 1)) fail(`${where}: buffer ${t.buffer} does not exist`);
      const q = t.quantization;
      if (q) {
        if (q.scale.length === 0 || q.scale.length !== q.zeroPoint.length)
          fail(`${where}: scale and zeroPoint need the same, non-zero length`);
        if (!q.zeroPoint.every((z) => Number.isSafeInteger(z))) fail(`${where}: zero points must be integers`);
        if (!isInt(q.quantizedDimension, 0, Math.max(0, t.shape.length - 1)))
          fail(`${where}: quantizedDimension is not an axis`);
        if (q.scale.length > 1 && t.shape[q.quantizedDimension] !== q.scale.length) {
          fail(
            `${where}: ${q.scale.length} scales but dimension ${q.quantizedDimension} has ${t.shape[q.quantizedDimension]}`,
          );
        }
      }
    });
    const tensorRef = (i: number, optional: boolean): boolean => isInt(i, optional ? -1 : 0, nt - 1);
    g.inputs.forEach((i) => tensorRef(i, false) || fail(`subgraph ${gi}: input ${i} is not a tensor`));
    g.outputs.forEach((i) => tensorRef(i, false) || fail(`subgraph ${gi}: output ${i} is not a tensor`));
    g.operators.forEach((op, oi) => {
      if (!isInt(op.opcodeIndex, 0, m.operatorCodes.length - 1))
        fail(`subgraph ${gi} operator ${oi}: opcode ${op.opcodeIndex} does not exist`);
      op.inputs.forEach((i) => tensorRef(i, true) || fail(`subgraph ${gi} operator ${oi}: input ${i} is not a tensor`));
      op.outputs.forEach(
        (i) => tensorRef(i, false) || fail(`subgraph ${gi} operator ${oi}: output ${i} is not a tensor`),
      );
    });
  });
  (m.metadata ?? []).forEach(
    (md) => isInt(md.buffer, 0, m.buffers.length - 1) || fail(`metadata ${md.name}: no buffer ${md.buffer}`),
  );
  (m.signatures ?? []).forEach((s) => {
    const g = m.subgraphs[s.subgraphIndex];
    if (!isInt(s.subgraphIndex, 0, m.subgraphs.length - 1) || !g)
      return fail(`signature ${s.key}: no subgraph ${s.subgraphIndex}`);
    [...s.inputs, ...s.outputs].forEach(
      (e) => isInt(e.tensorIndex, 0, g.tensors.length - 1) || fail(`signature ${s.key}: ${e.name} is not a tensor`),
    );
  });
}
