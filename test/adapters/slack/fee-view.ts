import type { FeeView } from "../../../src/adapters/slack/kinds/fee/fee-view.js";
import type { Case } from "../../../src/core/case/case.js";
import type { Charge } from "../../../src/core/domain/fees.js";
import { feeCardActions } from "../../../src/core/kinds/fee/card-actions.js";
import { type FeeCase, type FeeDetails, newFeeDetails } from "../../../src/core/kinds/fee/details.js";

const at = new Date("2026-09-01T02:00:00Z");

/** A charge of 3-1201, unpaid unless told. */
export function aCharge(overrides: Partial<Charge> = {}): Charge {
  return { id: "charge-1", unitId: "unit-1", feeType: "property", period: "2026-08", amountFen: 35_000, dueDate: "2026-08-31", paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: at, updatedAt: at, ...overrides };
}

export type FeeOverrides = Partial<Omit<Case<FeeDetails>, "details">> & { details?: Partial<FeeDetails> };

/** The fee case of 3-1201 at the overdue stage, its owner on the bot. */
export function aFeeCase(overrides: FeeOverrides = {}): FeeCase {
  const { details, ...header } = overrides;
  return {
    id: "fee-1",
    number: "F-2026-000001",
    kind: "fee",
    status: "open",
    team: "frontdesk",
    unitId: "unit-1",
    reporterId: "resident-1",
    reporterUserId: "tg-1",
    assigneeId: null,
    linkedCaseId: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    cancelReason: null,
    version: 3,
    ...header,
    details: {
      ...newFeeDetails(),
      stage: "overdue",
      firstOverdueReminderAt: new Date("2026-09-01T02:00:00Z"),
      lastReminderAt: new Date("2026-09-08T02:00:00Z"),
      lastReminderKind: "overdue",
      remindedChargeIds: ["charge-1"],
      ...details,
    },
  };
}

/** A fee card's view, its buttons the core's `cardActions` for the case unless the test gives them. */
export function aFeeView(overrides: Partial<Omit<FeeView, "subject">> & { subject?: FeeOverrides } = {}): FeeView {
  const subject = aFeeCase(overrides.subject);
  return {
    unit: { id: "unit-1", building: "3", unit: "1201", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 },
    reporter: { id: "resident-1", unitId: "unit-1", name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" },
    assignee: null,
    clocks: [],
    callback: null,
    recentEvents: [],
    staffNames: {},
    caseNumbers: {},
    charges: [aCharge()],
    ...overrides,
    actions: overrides.actions ?? feeCardActions(subject),
    subject,
  };
}
