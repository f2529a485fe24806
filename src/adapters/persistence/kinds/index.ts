import { complaintDetailsTable } from "./complaint-details-table.js";
import type { DetailsTable } from "./details-table.js";
import { feeDetailsTable } from "./fee-details-table.js";
import { repairDetailsTable } from "./repair-details-table.js";
import { serviceDetailsTable } from "./service-details-table.js";

/** The details table of every kind; a kind added to the core adds its table here. */
export const detailsTables: readonly DetailsTable[] = [repairDetailsTable, complaintDetailsTable, serviceDetailsTable, feeDetailsTable];
