import { normalizeBuilding, unitCandidates } from "../../domain/address.js";
import type { Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";

/** The register's unit for an address as an owner wrote it ("五栋", "802室"), or null. */
export async function findUnitAsWritten(store: Store, building: string, unit: string): Promise<Unit | null> {
  const buildings = [...new Set([building.trim(), normalizeBuilding(building)])];
  for (const candidateBuilding of buildings) {
    for (const candidateUnit of unitCandidates(unit)) {
      const found = await store.units.findByAddress(candidateBuilding, candidateUnit);
      if (found) return found;
    }
  }
  return null;
}
