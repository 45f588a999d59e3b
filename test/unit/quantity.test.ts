/** Quantities and env shapes: exact integers, round-up direction, and rejections with the accepted forms. */
import { describe, expect, it } from "vitest";
import { parseEnvShape } from "../../src/core/units/env-shape.js";
import { parseCount, parseCpu, parseMemory } from "../../src/core/units/quantity.js";
import { Gi, Ki, Mi } from "../support/machines.js";

describe("Kubernetes quantities", () => {
  it.each([
    ["500m", 500],
    ["2", 2000],
    ["1.5", 1500],
    ["0.1", 100],
    ["1e3m", 1000], // 1e3 milli-cores
    ["0.0005", 1], // finer than 1m rounds up, as Kubernetes does
    ["100u", null], // micro is not a Kubernetes CPU suffix here
  ])("CPU %s → %s millicores", (text, expected) => {
    const r = parseCpu(text);
    expect(r.ok ? r.value : null).toBe(expected);
  });

  it.each([
    ["16Gi", 16 * Gi],
    ["16380004Ki", 16380004 * Ki], // a real GKE status.capacity.memory
    ["1.5G", 1_500_000_000], // decimal suffix, exact (no float drift)
    ["1.5Gi", 1.5 * Gi],
    ["100Mi", 100 * Mi],
    ["128974848", 128974848],
    ["129e6", 129_000_000],
    ["500m", 1], // half a byte rounds up to 1
  ])("memory %s → %i bytes", (text, expected) => {
    const r = parseMemory(text);
    expect(r.ok && r.value).toBe(expected);
  });

  it.each(["", "abc", "-1Gi", "16GB", "1.2.3", "Gi", "16 Gi x", "1e400"])("rejects %j naming the accepted forms", (text) => {
    const r = parseMemory(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/Kubernetes quantity such as 500m|out of range|too large/);
  });

  it("counts are plain whole numbers", () => {
    expect(parseCount("60")).toEqual({ ok: true, value: 60 });
    for (const bad of ["-1", "abc", "1e400", "2.5", "0x10", ""]) expect(parseCount(bad).ok).toBe(false);
  });
});

describe("env shapes", () => {
  it.each([
    ["4cpu16g", 4000, 16 * Gi],
    ["4c16g", 4000, 16 * Gi],
    ["0.5cpu2g", 500, 2 * Gi],
    ["2cpu8gi", 2000, 8 * Gi],
    ["2CPU8GB", 2000, 8 * Gi],
    ["1cpu512m", 1000, 512 * Mi],
    ["cpu=500m,memory=1536Mi", 500, 1536 * Mi],
    ["cpu=4,memory=16Gi", 4000, 16 * Gi],
  ])("%s → %i m, %i bytes", (text, cpu, mem) => {
    const r = parseEnvShape(text);
    expect(r.ok && [r.value.cpuMillicores, r.value.memoryBytes, r.value.pods, r.value.volumes]).toEqual([cpu, mem, 1, 1]);
  });

  it.each(["4cpu", "4cpu16x", "16g", "cpu=4", "cpu=4,memory=16Gi,disk=1", "0cpu16g", "4cpu0g", "four-cpu"])("rejects %j with the accepted forms", (text) => {
    const r = parseEnvShape(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi");
  });

  it.each([
    ["cpu=4,cpu=8,memory=16Gi", "cpu"],
    ["cpu=4,memory=16Gi,MEMORY=8Gi", "memory"],
  ])("rejects %j: a key given twice is named (issue 12: the last one used to win)", (text, key) => {
    const r = parseEnvShape(text);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        `"${text}" gives ${key} twice; expected <cpu>cpu<memory>g such as 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB, or m = MiB), or cpu=4,memory=16Gi`,
      );
  });
});
