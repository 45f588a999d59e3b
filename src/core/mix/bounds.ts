/**
 * Lower bounds on the number of nodes of one machine type needed for a demand (docs/packing.md
 * §1.3). Each is valid on its own; the plan reports the maximum together with ⌈LP⌉ (column generation,
 * `column-generation.ts`). Sums are taken in BigInt: a million envs × 2^36 bytes exceeds 2^53.
 */
import { dims, type PackMachine, type PackShape } from "./instance.js";

const ceilDiv = (a: bigint, b: bigint): bigint => (a <= 0n ? 0n : (a + b - 1n) / b);

/**
 * L1, the per-dimension continuous bound: max over d of ⌈Σ_k d_k r_kd / a_d⌉ ("the physical limit if envs
 * were liquid"; docs/packing.md §1.3 item 1). Rounded up: a fraction of a node is a node.
 */
export function l1Bound(shapes: readonly PackShape[], demand: readonly number[], machine: PackMachine): number {
  let best = 0n;
  for (let d = 0; d < dims; d++) {
    let total = 0n;
    shapes.forEach((s, k) => {
      total += BigInt(demand[k] ?? 0) * BigInt(s.request[d] ?? 0);
    });
    const cap = BigInt(machine.capacity[d] ?? 0);
    if (cap > 0n) {
      const v = ceilDiv(total, cap);
      if (v > best) best = v;
    }
  }
  return Number(best);
}

/**
 * Martello–Toth L2 per dimension, maximised over dimensions and thresholds α ∈ {0} ∪ {item sizes ≤ C/2}
 * (docs/packing.md §1.3 item 2; S. Martello, P. Toth, Discrete Applied Mathematics 28(1):59–70, 1990):
 *   J1 = sizes > C − α,  J2 = sizes in (C/2, C − α],  J3 = sizes in [α, C/2],
 *   L(α) = |J1| + |J2| + max(0, ⌈(Σ J3 − (|J2|·C − Σ J2)) / C⌉).
 * Envs larger than a node in some dimension do not fit at all; callers exclude them first.
 */
export function l2Bound(shapes: readonly PackShape[], demand: readonly number[], machine: PackMachine): number {
  let best = 0n;
  for (let d = 0; d < dims; d++) {
    const C = BigInt(machine.capacity[d] ?? 0);
    if (C <= 0n) continue;
    const items = shapes.map((s, k) => ({ size: BigInt(s.request[d] ?? 0), n: BigInt(demand[k] ?? 0) })).filter((x) => x.n > 0n && x.size > 0n);
    const alphas = [0n, ...items.map((x) => x.size).filter((s) => 2n * s <= C)];
    for (const a of alphas) {
      let j1 = 0n;
      let j2 = 0n;
      let s2 = 0n;
      let s3 = 0n;
      for (const { size, n } of items) {
        if (size > C - a) j1 += n;
        else if (2n * size > C) {
          j2 += n;
          s2 += n * size;
        } else if (size >= a) s3 += n * size;
      }
      const v = j1 + j2 + ceilDiv(s3 - (j2 * C - s2), C);
      if (v > best) best = v;
    }
  }
  return Number(best);
}
