/**
 * Calibration files on disk (`cc-plan calibrate --out cal.yaml`, `--calibration cal.yaml`, a scenario's
 * `calibration:` key): YAML text ↔ the document of src/core/calibrate/calibration-file.ts. Written
 * atomically (all of it or nothing, src/adapters/atomic-file.ts); read with a size limit and validated, so
 * a bad file is one line naming the file and the key.
 */
import { readFileSync, statSync } from "node:fs";
import { parse, stringify } from "yaml";
import type { Catalogs } from "../catalog/lookup.js";
import { type Calibration, parseCalibration } from "../core/calibrate/calibration-file.js";
import type { Resolved } from "../core/resolved.js";
import { withSpecs } from "./catalog-fs.js";

/** Largest calibration file read; one entry per machine type is a few hundred bytes. */
export const maxCalibrationBytes = 1024 * 1024;

const fail = <T>(message: string): Resolved<T> => ({ ok: false, error: { field: "--calibration", message } });

/** Parse and validate calibration YAML text; `source` names the file in messages. */
export function parseCalibrationText(text: string, source: string): Resolved<Calibration> {
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    return fail(`${source}: not YAML (${first}); expected a calibration file written by \`cc-plan calibrate --out\``);
  }
  return parseCalibration(doc, source);
}

/** Read a calibration file: a regular file of at most {@link maxCalibrationBytes}. */
export function readCalibrationFile(path: string): Resolved<Calibration> {
  try {
    const st = statSync(path);
    if (!st.isFile()) return fail(`${path}: is not a regular file; expected a calibration file written by \`cc-plan calibrate --out\``);
    if (st.size > maxCalibrationBytes) return fail(`${path}: larger than 1 MiB; a calibration file is a small YAML file`);
    return parseCalibrationText(readFileSync(path, "utf8"), path);
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    return fail(
      `${path}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : "cannot be read"}; expected a calibration file written by \`cc-plan calibrate --out\``,
    );
  }
}

/** The YAML text of a calibration document, with a header saying what it is. */
export function calibrationYaml(doc: Record<string, unknown>): string {
  return `# cc-plan calibration file (format version 1): figures of real nodes per machine type.\n# Use: cc-plan --calibration <this file> …, cc-plan node <type> --calibration <this file>.\n${stringify(doc, { lineWidth: 0 })}`;
}

/**
 * The catalogs a calibrated plan searches: the specs-only types (catalogs/specs, no offerings) and the machine
 * types the calibration learned (types no catalog has; unpriced). Used by `--calibration` and `plan(…, { calibration })`.
 */
export function calibratedCatalogs(catalogs: Catalogs, cal: Calibration, options: { dir?: string } = {}): Catalogs {
  const out: Catalogs = { ...withSpecs(catalogs, options) };
  for (const [name, t] of Object.entries(cal.types)) {
    const c = out[t.provider];
    if (!t.learned || !c || c.machineTypes.some((m) => m.name.toLowerCase() === name.toLowerCase())) continue;
    out[t.provider] = { ...c, machineTypes: [...c.machineTypes, t.learned] };
  }
  return out;
}
