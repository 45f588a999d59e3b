/** Rules about machine types that hold whatever the catalog says about them. */
import type { CatalogMachineType } from "../catalog/types.js";

/**
 * Burstable, shared-core and advised-against types are never chosen automatically: the CodeCanvas
 * installation guides ("Choose GCP/Azure instance types") advise against e2 and B-series.
 */
export const isFlagged = (m: CatalogMachineType): boolean => m.burstable || m.sharedCore || m.avoid !== undefined;
