/**
 * The aggregates the monthly report is built from. Each method is one SQL aggregate over indexed
 * columns, bounded by the month's instants (`from` inclusive, `to` exclusive) or, for values
 * stored as local dates and months, by `period`; nothing loads the month's cases into memory.
 * Rows list only the groups that have something; the report fills in the zeros.
 */
export interface ReportQueries {
  /** Cases created in the window, per kind. */
  requestsPerKind(window: ReportWindow): Promise<Array<{ kind: string; count: number }>>;
  /**
   * Repairs, complaints and service orders created in the window, per kind, category (a repair's
   * category, a complaint's subject, a service order's type) and intake channel: one pass over
   * the month's cases serves both groupings. `keys` are the closed sets the details allow (every
   * kind's categories, the channels): naming them lets the database read each group's range of
   * an index in order instead of sorting the month's cases; a case outside them is not counted.
   */
  requestsPerCategoryAndChannel(window: ReportWindow, keys: CategoryKeys): Promise<Array<{ kind: string; category: string; channel: string; count: number }>>;
  /** Callbacks anchored (created) in the window and not cancelled, per kind, and how many are done. */
  callbackCoverage(window: ReportWindow): Promise<Array<{ kind: string; finished: number; done: number }>>;
  /** Clocks of `rules` stopped in the window, per rule, and how many stopped by their due instant. */
  clocksOnTime(window: ReportWindow, rules: readonly string[]): Promise<Array<{ rule: string; stopped: number; onTime: number }>>;
  /** Per kind, minutes from creation to the first staff event, for cases created in the window. */
  firstResponse(window: ReportWindow): Promise<Array<{ kind: string } & DurationRow>>;
  /** Per kind, minutes from creation to closing, for cases closed (not cancelled) in the window. */
  completion(window: ReportWindow): Promise<Array<{ kind: string } & DurationRow>>;
  /** Complaints created in the window per tier (null: not classified yet). */
  complaintsPerTier(window: ReportWindow): Promise<Array<{ tier: string | null; count: number }>>;
  /** Escalation events of complaints in the window with the rule that breached, by time. */
  complaintBreaches(window: ReportWindow): Promise<Array<{ caseNumber: string; rule: string; at: Date }>>;
  /** Building and repair category pairs with at least `minimum` repairs created in the window. */
  recurringCategories(window: ReportWindow, minimum: number): Promise<Array<{ building: string; category: string; count: number; caseNumbers: string[] }>>;
  /** Units whose repairs were reopened at least `minimum` times in the window. */
  reopenedUnits(window: ReportWindow, minimum: number): Promise<Array<{ building: string; unit: string; reopens: number; caseNumbers: string[] }>>;
  /** Service orders created in the window per type. */
  serviceOrders(window: ReportWindow): Promise<Array<{ serviceType: string; count: number }>>;
  /** Work orders of the local month `window.period` per service type (cancelled ones left out). */
  workOrders(window: ReportWindow): Promise<Array<{ serviceType: string; count: number }>>;
  /** Fen of receipts issued in the window for service orders, per type. */
  serviceCollected(window: ReportWindow): Promise<Array<{ serviceType: string; fen: number }>>;
  /** Charges whose local due date is in `window.period`, per fee type: count, charged and paid fen. */
  feeCollection(window: ReportWindow): Promise<Array<{ feeType: string; charges: number; chargedFen: number; paidFen: number }>>;
  /** Fee files open at `window.to` (created before it, not closed by then), per ladder stage. */
  householdsPerStage(window: ReportWindow): Promise<Array<{ stage: string; households: number }>>;
}

/** Every value a case's category and channel can take. */
export interface CategoryKeys {
  categories: readonly string[];
  channels: readonly string[];
}

/** One local calendar month: its bounds as instants and as the text forms stored columns use. */
export interface ReportWindow {
  /** `YYYY-MM`. */
  period: string;
  from: Date;
  to: Date;
  /** Local dates `YYYY-MM-DD`: the 1st of the month and the 1st of the next (exclusive). */
  fromDate: string;
  toDate: string;
}

/** Count and percentiles (PostgreSQL `percentile_cont` semantics) of durations in minutes. */
export interface DurationRow {
  count: number;
  median: number | null;
  p90: number | null;
}
