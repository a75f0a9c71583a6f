import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { sizeConstants, weightBytes, withInputSize } from '../../../workers/engine/movenet-input';

/** The real MoveNet Lightning files, as `npm install` puts them in models/. */
const modelsDir = join(import.meta.dirname, '..', '..', '..', 'models');
function lightning(): io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(modelsDir, 'movenet-lightning.json'), 'utf8')) as {
    modelTopology: object;
    signature: object;
    weightsManifest: { weights: io.WeightsManifestEntry[] }[];
  };
  const bin = readFileSync(join(modelsDir, 'movenet-lightning.bin'));
  return {
    modelTopology: json.modelTopology,
    signature: json.signature,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  };
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** A weight's values, decoded from the weights file (float16-quantized or plain). */
function valuesOf(a: io.ModelArtifacts, name: string): number[] {
  const data = a.weightData as ArrayBuffer;
  let at = 0;
  for (const spec of a.weightSpecs ?? []) {
    const size = weightBytes(spec);
    if (spec.name === name) {
      if (spec.quantization?.dtype === 'float16') return [...new Uint16Array(data, at, size / 2)].map(half);
      return spec.dtype === 'int32'
        ? [...new Int32Array(data.slice(at, at + size))]
        : [...new Float32Array(data.slice(at, at + size))];
    }
    at += size;
  }
  throw new Error(`no weight ${name}`);
}

const inputDims = (a: io.ModelArtifacts) => {
  const nodes = (
    a.modelTopology as { node: { op: string; attr: { shape: { shape: { dim: { size: string }[] } } } }[] }
  ).node;
  return nodes.find((n) => n.op === 'Placeholder')?.attr.shape.shape.dim.map((d) => Number(d.size));
};

describe('MoveNet at another input size', () => {
  const original = lightning();

  it('computes, for its exported 192 pixels, the very constants the model holds', () => {
    for (const [name, r] of sizeConstants(192)) {
      const stored = valuesOf(original, name);
      expect(stored.length, name).toBe(r.values.length);
      const spec = original.weightSpecs?.find((s) => s.name === name);
      expect(spec?.shape, name).toEqual(r.shape);
      for (let i = 0; i < stored.length; i++) {
        // float16 keeps about three significant digits.
        expect(Math.abs((stored[i] ?? NaN) - (r.values[i] ?? NaN)), `${name}[${i}]`).toBeLessThanOrEqual(
          Math.abs(r.values[i] ?? 0) * 2e-3 + 1e-6,
        );
      }
    }
  });

  it('rewrites the input shape and the grid constants for 160 pixels, and keeps every other weight byte for byte', () => {
    const resized = withInputSize(original, 160);
    expect(inputDims(resized)).toEqual([1, 160, 160, 3]);
    expect(inputDims(original)).toEqual([1, 192, 192, 3]);
    const sig = resized.signature as { inputs: Record<string, { tensorShape: { dim: { size: string }[] } }> };
    expect(Object.values(sig.inputs)[0]?.tensorShape.dim.map((d) => Number(d.size))).toEqual([
      1, 160, 160, 3,
    ]);

    expect(valuesOf(resized, 'StatefulPartitionedCall/floordiv/y')).toEqual([40]);
    const feature = 'StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/';
    expect(valuesOf(resized, `${feature}up_sampling2d/mul`)).toEqual([10, 10]);
    expect(valuesOf(resized, `${feature}up_sampling2d_2/mul`)).toEqual([40, 40]);
    const weights = valuesOf(resized, 'ConstantFolding/StatefulPartitionedCall/truediv_2_recip');
    expect(weights).toHaveLength(40 * 40);
    // Highest in the middle of the grid, where 1 / 1.8.
    expect(Math.max(...weights)).toBeCloseTo(1 / 1.8, 5);
    expect(weights.indexOf(Math.max(...weights))).toBe(20 * 40 + 20);

    const changed = new Set(sizeConstants(160).keys());
    let kept = 0;
    for (const spec of original.weightSpecs ?? []) {
      if (changed.has(spec.name)) continue;
      expect(resized.weightSpecs?.find((s) => s.name === spec.name)).toEqual(spec);
      expect(valuesOf(resized, spec.name)).toEqual(valuesOf(original, spec.name));
      kept += 1;
    }
    expect(kept).toBe((original.weightSpecs?.length ?? 0) - changed.size);
  });

  it('refuses a size the network cannot take, and a model without those constants', () => {
    expect(() => withInputSize(original, 150)).toThrow(/multiple of 32/);
    const other = {
      ...original,
      weightSpecs: original.weightSpecs?.filter((s) => !s.name.includes('up_sampling')),
    };
    expect(() => withInputSize(other, 160)).toThrow(/not the expected model \(no .*up_sampling2d\/mul/);
  });
});
