/**
 * Loads exceljs lazily, as load-sdk.ts loads the price SDKs: with `require` (createRequire), which works in
 * the CLI's CommonJS bundle (bin/load.cjs) and in ESM alike. exceljs is an optional peer dependency
 * (package.json `peerDependenciesMeta`): `npm i cc-plan` does not install it, so `cc-plan sheet --out
 * FILE.xlsx` without it stops with {@link MissingExcelJsError}, one line saying what to install. Only "the
 * package is not installed" becomes that error; an installed exceljs that fails to load is reported as what
 * it is.
 */
import { createRequire } from "node:module";
import type * as ExcelJS from "exceljs";

/** The exceljs version cc-plan is tested with (= package.json peerDependencies and devDependencies). */
export const excelJsVersion = "4.4.0";

export class MissingExcelJsError extends Error {
  override readonly name = "MissingExcelJsError";
  constructor() {
    super(`sheet --out FILE.xlsx needs exceljs ${excelJsVersion}: npm i exceljs@${excelJsVersion}`);
  }
}

/** The exceljs module; {@link MissingExcelJsError} when it is not installed. */
export function loadExcelJs(): typeof ExcelJS {
  // A non-literal specifier: bundlers leave it alone (scripts/bundle.mjs also lists exceljs as external).
  const name = ["excel", "js"].join("");
  const req = createRequire(import.meta.url);
  try {
    req.resolve(name);
  } catch (e) {
    const o = e as { code?: unknown; message?: unknown } | null;
    if (o?.code === "MODULE_NOT_FOUND" && typeof o.message === "string" && o.message.startsWith(`Cannot find module '${name}'`))
      throw new MissingExcelJsError();
    throw e;
  }
  return req(name) as typeof ExcelJS;
}
