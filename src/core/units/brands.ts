/**
 * Branded integer units used inside the core. Only this folder creates them, and every
 * constructor checks that the value is a safe, non-negative integer.
 */
declare const unit: unique symbol;

/** CPU in millicores (1 vCPU = 1000 m). */
export type Millicores = number & { readonly [unit]: "millicores" };
/** Memory in bytes. */
export type Bytes = number & { readonly [unit]: "bytes" };
/** Memory in mebibytes (2^20 bytes). */
export type MiB = number & { readonly [unit]: "MiB" };

/** Bytes in one KiB (2^10). */
export const bytesInKiB = 1024;
/** Bytes in one MiB (2^20). */
export const bytesInMiB = 1024 * 1024;
/** Bytes in one GiB (2^30). */
export const bytesInGiB = 1024 * 1024 * 1024;
/** MiB in one GiB. */
export const mibInGiB = 1024;
/** Millicores in one vCPU. */
export const millicoresInCpu = 1000;
/**
 * GKE's reservation brackets treat a "GB" as 1000 MiB, duplicating an upstream bug
 * (kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/reserved.go, `mbPerGB = 1000`).
 * Kept distinct from {@link mibInGiB} so the two are never mixed.
 */
export const mibInGkeGB = 1000;

function checkInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InternalError(`${what} must be a non-negative safe integer, got ${value}`);
  }
  return value;
}

/** A broken invariant inside cc-plan (a bug): never caused by user input. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

export const millicores = (n: number): Millicores => checkInt(n, "millicores") as Millicores;
export const bytes = (n: number): Bytes => checkInt(n, "bytes") as Bytes;
export const mib = (n: number): MiB => checkInt(n, "MiB") as MiB;

/** MiB → bytes (exact). */
export const bytesFromMiB = (m: MiB): Bytes => bytes(m * bytesInMiB);
/** Bytes → MiB, rounded down (capacity direction). */
export const mibFromBytesFloor = (b: Bytes): MiB => mib(Math.floor(b / bytesInMiB));
/** Bytes → whole KiB, rounded down (kubelet reports memory capacity in whole Ki). */
export const bytesFloorToKiB = (b: Bytes): Bytes => bytes(Math.floor(b / bytesInKiB) * bytesInKiB);
