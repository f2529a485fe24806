import { readFileSync } from "node:fs";
import { parseCsv } from "../../../src/app/read-csv.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import { createHarness, type Harness, type HarnessOptions } from "./telegram-harness.js";

/** The cleaning team's leader, besides the harness's staff (which has one cleaner). */
export const cleaningLeader = "UCLEANL";

/**
 * The owners' bot over a property with the shipped price standard (samples/prices.csv) and a
 * cleaning leader; the harness's clock, Monday 30 November 2026, 10:00 in Shanghai.
 */
export async function createServiceHarness(options: HarnessOptions = {}): Promise<Harness> {
  const h = await createHarness(options);
  const staff = await importStaff(h.workflow, [{ line: 2, values: { slack_user_id: cleaningLeader, name: "Zhou Jing", team: "cleaning", role: "leader" } }]);
  if (!staff.ok) throw new Error(JSON.stringify(staff.problems));
  const prices = await importPrices(h.workflow, parseCsv(readFileSync("samples/prices.csv", "utf8")));
  if (!prices.ok) throw new Error(JSON.stringify(prices.problems));
  return h;
}

/** The one service order in the store, as it is now. */
export function serviceOf(h: Harness): ServiceCase | undefined {
  return h.store.snapshot().cases.find((candidate) => candidate.kind === "service") as ServiceCase | undefined;
}
