import type { CaseKind } from "../../../case/kind.js";
import type { Store } from "../../../ports/store.js";
import type { ServiceCase } from "../details.js";

export interface PackageAccepted {
  store: Store;
  kind: CaseKind;
  /** The package, now active with its schedule and monthly fee agreed. */
  order: ServiceCase;
  now: Date;
  timeZone: string;
}

/**
 * What a package owes once its owner accepted the quote, in the same transaction: the rest of the
 * current month's visits (only those after now), each its own work order.
 */
export async function onPackageAccepted(_accepted: PackageAccepted): Promise<void> {}
