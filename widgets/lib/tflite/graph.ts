/**
 * A small helper to assemble a `TfliteModel` step by step: it owns the buffer list (with the
 * empty buffer 0), deduplicates operator codes, and hands back tensor indices.
 */
import { BuiltinOperator, type BuiltinOperatorName } from './schema';
import type { TfliteBuiltinOptions, TfliteModel, TfliteOperator, TfliteOperatorCode, TfliteTensor } from './types';
import { operatorVersion } from './versions';

export interface TensorSpec extends Omit<TfliteTensor, 'buffer'> {
  /** Constant data (little-endian bytes); omit for tensors computed at run time. */
  data?: Uint8Array;
}

export class TfliteGraphBuilder {
  private readonly buffers: Uint8Array[] = [new Uint8Array(0)];
  private readonly codes: TfliteOperatorCode[] = [];
  private readonly tensors: TfliteTensor[] = [];
  private readonly operators: TfliteOperator[] = [];

  /** Adds a tensor and returns its index. */
  addTensor(spec: TensorSpec): number {
    const { data, ...rest } = spec;
    let buffer = 0;
    if (data && data.length > 0) {
      this.buffers.push(data);
      buffer = this.buffers.length - 1;
    }
    this.tensors.push({ ...rest, buffer });
    return this.tensors.length - 1;
  }

  /**
   * Adds an operator (in execution order) and returns its index. Its version, unless given, is the
   * one TFLite's converter would record for the types of its tensors (see versions.ts).
   */
  addOperator(
    op: BuiltinOperatorName,
    inputs: number[],
    outputs: number[],
    options?: TfliteBuiltinOptions,
    version?: number,
  ): number {
    for (const i of [...inputs, ...outputs]) {
      if (i !== -1 && !this.tensors[i]) throw new RangeError(`${op}: tensor ${i} has not been added`);
    }
    if (version === undefined) {
      const perChannel = [...inputs, ...outputs].some((i) => (this.tensors[i]?.quantization?.scale.length ?? 0) > 1);
      const sig = {
        inputs: inputs.map((i) => this.tensors[i]?.type),
        outputs: outputs.map((i) => this.tensors[i]!.type),
        perChannel,
        ...(options ? { options } : {}),
      };
      version = operatorVersion(op, sig);
    }
    const builtinCode = BuiltinOperator[op];
    let opcodeIndex = this.codes.findIndex((c) => c.builtinCode === builtinCode && c.version === version);
    if (opcodeIndex < 0) {
      this.codes.push({ builtinCode, version });
      opcodeIndex = this.codes.length - 1;
    }
    const entry: TfliteOperator = { opcodeIndex, inputs, outputs };
    if (options) entry.options = options;
    this.operators.push(entry);
    return this.operators.length - 1;
  }

  /**
   * The finished model with one subgraph. `signatureKey` adds a SignatureDef naming the inputs
   * and outputs after their tensors (runtimes that call models by signature use it).
   */
  build(opts: {
    inputs: number[];
    outputs: number[];
    description: string;
    name?: string;
    signatureKey?: string;
  }): TfliteModel {
    const model: TfliteModel = {
      description: opts.description,
      operatorCodes: this.codes.map((c) => ({ ...c })),
      subgraphs: [
        {
          name: opts.name ?? 'main',
          tensors: this.tensors.map((t) => ({ ...t })),
          inputs: [...opts.inputs],
          outputs: [...opts.outputs],
          operators: this.operators.map((o) => ({ ...o })),
        },
      ],
      buffers: [...this.buffers],
    };
    if (opts.signatureKey !== undefined) {
      const named = (i: number): { name: string; tensorIndex: number } => ({
        name: this.tensors[i]?.name ?? `t${i}`,
        tensorIndex: i,
      });
      model.signatures = [
        { key: opts.signatureKey, subgraphIndex: 0, inputs: opts.inputs.map(named), outputs: opts.outputs.map(named) },
      ];
    }
    return model;
  }
}
