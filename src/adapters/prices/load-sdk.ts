/**
 * Loads a price SDK lazily with `require` (createRequire), not `import()`: the CLI runs from a CommonJS
 * bundle compiled through vm.Script (bin/load.cjs, for its V8 code cache), where a dynamic `import()`
 * needs an experimental vm flag, while `require` works there and in ESM alike. The SDKs are CommonJS
 * packages (and Node ≥ 20.19 can require ES modules too). Only `catalog refresh` calls this.
 *
 * The SDKs are optional peer dependencies of cc-plan (package.json `peerDependenciesMeta`): `npm i cc-plan`
 * does not install them, so a refresh without them stops with {@link MissingSdkError}, one line saying
 * what to install. Only "this package is not installed" becomes that error; any other failure to load an
 * installed SDK (a missing dependency of it, a broken file, an error thrown at load) is reported as what
 * it is.
 */
import { createRequire } from "node:module";
import { RefreshError } from "./types.js";

/** The price SDKs, the version cc-plan is tested with (= package.json peerDependencies) and who needs them. */
export const priceSdks = {
  "@google-cloud/billing": { version: "5.1.2", provider: "gcp" },
  "@azure/identity": { version: "4.13.1", provider: "azure" },
  "@azure/arm-compute": { version: "24.1.0", provider: "azure" },
} as const;
export type PriceSdk = keyof typeof priceSdks;
type SdkProvider = (typeof priceSdks)[PriceSdk]["provider"];

/** `catalog refresh --provider gcp needs @google-cloud/billing 5.1.2: npm i @google-cloud/billing@5.1.2` */
export function missingSdkMessage(provider: SdkProvider, packages: readonly PriceSdk[]): string {
  const named = packages.map((n) => `${n} ${priceSdks[n].version}`).join(" and ");
  return `catalog refresh --provider ${provider} needs ${named}: npm i ${packages.map((n) => `${n}@${priceSdks[n].version}`).join(" ")}`;
}

/** A price SDK is not installed (it is an optional peer dependency); the message says what to install. */
export class MissingSdkError extends Error {
  override readonly name = "MissingSdkError";
  constructor(
    readonly provider: SdkProvider,
    readonly packages: readonly PriceSdk[],
  ) {
    super(missingSdkMessage(provider, packages));
  }
}

const isSdk = (name: string): name is PriceSdk => Object.hasOwn(priceSdks, name);

/** Node's "Cannot find module '<name>'" for the package itself (not for a file or a dependency inside it). */
function isNotInstalled(e: unknown, name: string): boolean {
  const o = e as { code?: unknown; message?: unknown } | null;
  return !!o && o.code === "MODULE_NOT_FOUND" && typeof o.message === "string" && o.message.startsWith(`Cannot find module '${name}'`);
}

/** Whether `name` resolves from cc-plan's own location (any other resolution error is thrown). */
function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch (e) {
    if (isNotInstalled(e, name)) return false;
    throw e;
  }
}

/** Throws {@link MissingSdkError} naming every one of `packages` that is not installed. */
export function assertSdksInstalled(provider: SdkProvider, packages: readonly PriceSdk[]): void {
  const missing = packages.filter((n) => !installed(n));
  if (missing.length > 0) throw new MissingSdkError(provider, missing);
}

/** The SDKs a `catalog refresh --provider <p>` loads (Azure: only when it reads ResourceSkus). */
export function sdksFor(provider: SdkProvider): PriceSdk[] {
  return (Object.keys(priceSdks) as PriceSdk[]).filter((n) => priceSdks[n].provider === provider);
}

/**
 * `require(name)`. A price SDK that is not installed → {@link MissingSdkError}; one that is installed but
 * fails to load (a dependency of it missing, an error thrown at load) → a {@link RefreshError} with Node's
 * first line, so the refresh reports it as a failed refresh, not as a bug of cc-plan.
 */
export function loadSdk<T>(name: string): T {
  if (!isSdk(name)) return createRequire(import.meta.url)(name) as T;
  assertSdksInstalled(priceSdks[name].provider, [name]);
  try {
    return createRequire(import.meta.url)(name) as T;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    throw new RefreshError(`${name} is installed but failed to load: ${first}`);
  }
}
