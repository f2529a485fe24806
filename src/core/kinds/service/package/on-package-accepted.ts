import type { CaseKind } from "../../../case/kind.js";
import type { Store } from "../../../ports/store.js";
import type { ServiceCase } from "../details.js";
import { generatePackageVisits } from "./generate-visits.js";
import { monthOf } from "./schedule.js";

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
export async function onPackageAccepted({ store, kind, order, now, timeZone }: PackageAccepted): Promise<void> {
  await generatePackageVisits(store, kind, order, monthOf(now, timeZone), { after: now }, now, timeZone);
}
