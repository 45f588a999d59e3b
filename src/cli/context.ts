/**
 * What main.ts hands each command (src/cli/commands/*). It lives here, not in main.ts, because main.ts
 * imports the commands: a command importing main.ts would close an import circle (.dependency-cruiser.cjs
 * rule no-circular).
 */
import type { RegionSelection } from "../adapters/catalog-fs.js";
import type { Catalogs } from "../catalog/lookup.js";
import type { Provider } from "../catalog/types.js";
import type { RawMixOptions } from "../core/mix-request.js";
import type { RawPreferenceInput } from "../core/planner/request.js";
import type { ExpressionCompiler, RawPlanInput } from "../core/resolve-request.js";
import type { CliIo } from "./io.js";

/** Parsed command line (yargs). */
export type Args = Record<string, unknown> & { _: (string | number)[] };

export interface CommandContext {
  readonly args: Args;
  readonly io: CliIo;
  /** Machine facts and region lists of every provider, without prices. */
  readonly catalogs: Catalogs;
  /** Catalogs with the offerings of the given regions (reads only those price files). */
  readonly withPrices: (regions: Partial<Record<Provider, RegionSelection>>) => Catalogs;
  readonly raw: RawPlanInput & RawMixOptions & RawPreferenceInput;
  readonly compile: ExpressionCompiler | undefined;
  /** Bold and dim in the table (io.ts terminalStyle: NO_COLOR, FORCE_COLOR, TERM, the terminal). */
  readonly color: boolean;
  /** Progress lines may be rewritten in place on stderr (`\r`, erase-line): stderr is a terminal, TERM is not dumb. */
  readonly cursor: boolean;
}
