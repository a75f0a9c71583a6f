/**
 * MoveNet single-pose at another input size than it was exported with.
 *
 * The network is fully convolutional; only a handful of constants depend on
 * the input size: the sizes its feature pyramid upsamples to, and, in the
 * decoding at its end, the heatmap grid (one cell per 4 input pixels), the
 * grid's coordinates, and the weights that favour the person nearest the
 * middle. This rewrites those constants (and the input's declared shape) in
 * the model's artifacts before it is loaded, so a smaller input costs
 * proportionally less compute and the model still returns its usual
 * [1, 1, 17, 3] of normalised y, x and score.
 *
 * Pure: artifacts in, artifacts out.
 */
import { io } from '@tensorflow/tfjs-core';

const FEATURES = 'StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/';
/** The constant MoveNet adds to a distance before dividing by it (its value in the model is 1.8). */
const DISTANCE_BIAS = 1.8;

interface Replacement {
  dtype: 'float32' | 'int32';
  shape: number[];
  values: ArrayLike<number>;
}

/** Throws unless the network can take `px`: its deepest features are 1/32 of the input. */
export function checkInputPx(px: number): void {
  if (!(Number.isInteger(px) && px >= 96 && px <= 512 && px % 32 === 0))
    throw new Error(`MoveNet's input must be a multiple of 32 in 96..512 pixels, got ${px}`);
}

/** Grid coordinates (y or x) of a g x g heatmap, as MoveNet keeps them: [g, g, 1]. */
export function gridCoordinates(g: number, axis: 'y' | 'x'): Float32Array {
  const out = new Float32Array(g * g);
  for (let y = 0; y < g; y++) for (let x = 0; x < g; x++) out[y * g + x] = axis === 'y' ? y : x;
  return out;
}

/** The weight of each cell of a g x g grid by its distance from the middle: [g, g, 1]. */
export function centreWeights(g: number): Float32Array {
  const out = new Float32Array(g * g);
  const c = g / 2;
  for (let y = 0; y < g; y++)
    for (let x = 0; x < g; x++) out[y * g + x] = 1 / (Math.hypot(y - c, x - c) + DISTANCE_BIAS);
  return out;
}

/** Every constant that depends on the input size, for an input of `px` pixels square. */
export function sizeConstants(px: number): Map<string, Replacement> {
  const g = px / 4;
  const int = (values: number[], shape: number[]): Replacement => ({ dtype: 'int32', shape, values });
  const p = 'StatefulPartitionedCall/';
  return new Map<string, Replacement>([
    [`${FEATURES}up_sampling2d/mul`, int([px / 16, px / 16], [2])],
    [`${FEATURES}up_sampling2d_1/mul`, int([px / 8, px / 8], [2])],
    [`${FEATURES}up_sampling2d_2/mul`, int([px / 4, px / 4], [2])],
    [`${p}floordiv/y`, int([g], [])],
    [`${p}mul/y`, int([g], [])],
    [`${p}floordiv_1/y`, int([g], [])],
    [`${p}mul_1/y`, int([g], [])],
    [`${p}strided_slice_3`, { dtype: 'float32', shape: [g, g, 1], values: gridCoordinates(g, 'y') }],
    [`${p}strided_slice_4`, { dtype: 'float32', shape: [g, g, 1], values: gridCoordinates(g, 'x') }],
    [`ConstantFolding/${p}truediv_2_recip`, { dtype: 'float32', shape: [g, g, 1], values: centreWeights(g) }],
    [`${p}Reshape_13`, { dtype: 'float32', shape: [1, 1, 1, 2], values: [1 / g, 1 / g] }],
  ]);
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes a weight takes in the weights file (quantized weights take their stored size). */
export function weightBytes(spec: io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const per = BYTES[spec.quantization?.dtype ?? spec.dtype];
  if (per === undefined) throw new Error(`weight ${spec.name}: dtype ${spec.dtype} not supported here`);
  return count * per;
}

interface NodeDef {
  op: string;
  attr?: { shape?: { shape?: { dim?: { size: string }[] } } };
}

function setSquareShape(dims: { size: string }[] | undefined, px: number): void {
  if (!dims || dims.length !== 4) throw new Error('MoveNet input: expected a [1, h, w, 3] shape');
  dims[1] = { size: String(px) };
  dims[2] = { size: String(px) };
}

/**
 * MoveNet's artifacts for a `px` x `px` input. Throws, naming it, when a
 * constant it must change is missing (another export of the model).
 */
export function withInputSize(artifacts: io.ModelArtifacts, px: number): io.ModelArtifacts {
  checkInputPx(px);
  const specs = artifacts.weightSpecs;
  if (!specs) throw new Error('MoveNet: the model has no weight specs');
  if (!artifacts.weightData) throw new Error('MoveNet: the model has no weights');
  const data = new Uint8Array(io.CompositeArrayBuffer.join(artifacts.weightData));
  const replace = sizeConstants(px);
  const missing = [...replace.keys()].filter((name) => !specs.some((s) => s.name === name));
  if (missing.length) throw new Error(`MoveNet: not the expected model (no ${missing.join(', ')})`);

  const outSpecs: io.WeightsManifestEntry[] = [];
  const parts: ArrayBuffer[] = [];
  let at = 0;
  for (const spec of specs) {
    const size = weightBytes(spec);
    const r = replace.get(spec.name);
    if (r) {
      outSpecs.push({ name: spec.name, shape: r.shape, dtype: r.dtype });
      const values = r.dtype === 'int32' ? Int32Array.from(r.values) : Float32Array.from(r.values);
      parts.push(values.buffer);
    } else {
      outSpecs.push(spec);
      parts.push(data.slice(at, at + size).buffer);
    }
    at += size;
  }
  if (at !== data.byteLength) throw new Error('MoveNet: the weights file does not match its specs');

  const topology = structuredClone(artifacts.modelTopology) as { node?: NodeDef[] };
  const input = topology.node?.find((n) => n.op === 'Placeholder');
  setSquareShape(input?.attr?.shape?.shape?.dim, px);
  const signature = structuredClone(artifacts.signature) as
    { inputs?: Record<string, { tensorShape?: { dim?: { size: string }[] } }> } | undefined;
  for (const entry of Object.values(signature?.inputs ?? {})) setSquareShape(entry.tensorShape?.dim, px);

  return {
    ...artifacts,
    modelTopology: topology,
    signature,
    weightSpecs: outSpecs,
    weightData: io.CompositeArrayBuffer.join(parts),
  };
}
