import type { FeeType } from "../domain/fees.js";
import type { FeeStage } from "../kinds/fee/details.js";
import type { ComplaintTier } from "../kinds/complaint/details.js";
import type { ServiceType } from "../kinds/service/details.js";

/**
 * The monthly summary the manager reads on the first of the month (每月进行汇总、统计、剖析,
 * PROCEDURES.md): every figure of one local calendar month in the property's zone. Each list
 * holds every key of its closed set (zero when nothing happened), in the order of that set, so
 * a chart or a CSV of an empty month has the same rows as a busy one.
 */
export interface MonthlyReport {
  /** `YYYY-MM`. */
  month: string;
  /** IANA zone the month's bounds are counted in. */
  timeZone: string;
  /** The first instant of the month, local midnight of the 1st. */
  from: Date;
  /** The first instant of the next month (exclusive). */
  to: Date;
  requests: RequestFigures;
  callbacks: CallbackFigures;
  /** Median and p90 per kind of the time to the first staff step and to completion. */
  durations: DurationFigures[];
  complaints: ComplaintFigures;
  recurring: RecurringFigures;
  services: ServiceFigures[];
  fees: FeeFigures;
}

/** The kinds of request the report covers, in the order it shows them. */
export const reportKinds = ["repair", "complaint", "service", "fee"] as const;
export type ReportKind = (typeof reportKinds)[number];

/** How a request reached the front desk; fee files have none (the ladder opens them). */
export const reportChannels = ["telegram", "phone", "counter", "letter"] as const;
export type ReportChannel = (typeof reportChannels)[number];

/** Callback coverage the procedure asks for (回访处理率达100%), as a fraction. */
export const callbackCoverageTarget = 1;

/** Requests opened in the month (cases created between `from` and `to`). */
export interface RequestFigures {
  total: number;
  perKind: Array<{ kind: ReportKind; count: number }>;
  /**
   * The kind's own category: a repair's category, a complaint's subject, a service order's
   * type. Fee files have no category and are not listed. Only categories with cases appear.
   */
  perCategory: Array<{ kind: Exclude<ReportKind, "fee">; category: string; count: number }>;
  /** Repairs, complaints and service orders by intake channel. */
  perChannel: Array<{ channel: ReportChannel; count: number }>;
  /** The same per kind: every kind but fee times every channel, in their orders. */
  perKindChannel: Array<{ kind: Exclude<ReportKind, "fee">; channel: ReportChannel; count: number }>;
}

export interface CallbackFigures {
  /**
   * Per kind: the jobs finished in the month (a callback is opened at each completion, so its
   * anchor is the finish; callbacks voided by a cancellation are not jobs) and how many of
   * those callbacks were made. `coverage` is done / finished, null when nothing finished.
   */
  coverage: Array<{ kind: ReportKind; finished: number; done: number; coverage: number | null }>;
  /**
   * Per callback window rule (`repair.callback.leak`, ...): the clocks stopped in the month and
   * how many stopped by their due instant. `rate` is onTime / stopped, null when none stopped.
   */
  onTime: Array<{ rule: string; stopped: number; onTime: number; rate: number | null }>;
}

/** Percentiles as PostgreSQL's `percentile_cont` computes them (linear between neighbours), in minutes. */
export interface DurationFigures {
  kind: ReportKind;
  /** Cases opened in the month that got a staff step: minutes from reported to the first one. */
  firstResponse: DurationStats;
  /** Cases closed in the month (cancelled ones left out): minutes from created to closed. */
  completion: DurationStats;
}

export interface DurationStats {
  count: number;
  /** Null when `count` is 0. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface ComplaintFigures {
  /** Complaints opened in the month by tier; `unclassified` until the front desk classifies it. */
  perTier: Array<{ tier: ComplaintTier | "unclassified"; count: number }>;
  /** Every clock of a complaint that breached in the month (its escalation), in time order. */
  breaches: Array<{ caseNumber: string; rule: string; at: Date }>;
}

/** 对相似问题涌现较多的，写成统计分析报告: what keeps coming back. */
export interface RecurringFigures {
  /** The same repair category in the same building 3 or more times among the month's repairs. */
  categories: Array<{ building: string; category: string; count: number; caseNumbers: string[] }>;
  /** A unit whose repairs were reopened twice or more in the month. */
  reopenedUnits: Array<{ building: string; unit: string; reopens: number; caseNumbers: string[] }>;
}

/** Minimum repeats that make a problem recurring. */
export const recurringThresholds = { sameCategoryInBuilding: 3, reopensOfUnit: 2 } as const;

/** Per service type: orders opened, work orders (visits) of the month, and fees received for them. */
export interface ServiceFigures {
  serviceType: ServiceType;
  orders: number;
  workOrders: number;
  /** Receipts issued in the month for orders of this type, integer fen. */
  collectedFen: number;
}

export interface FeeFigures {
  /**
   * Per fee type, the charges due in the month (local due date in the month): what was charged,
   * what of it is paid now, and `rate` = paid / charged (null when nothing was charged).
   */
  collection: Array<{ feeType: FeeType; charges: number; chargedFen: number; paidFen: number; rate: number | null }>;
  /** Households whose fee file was open at the month's end, by their stage on the ladder. */
  perStage: Array<{ stage: FeeStage; households: number }>;
}
