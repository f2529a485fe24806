import type { DurationRow, ReportQueries, ReportWindow } from "../../core/ports/reports.js";
import { reportKinds } from "../../core/reports/monthly.js";
import { Prisma } from "../../generated/sqlite/client.js";
import type { DatabaseKind, PrismaTx } from "./prisma-client.js";

type Sql = Prisma.Sql;
type Num = number | bigint | null;

/**
 * The monthly report's aggregates in raw SQL for SQLite and PostgreSQL: every statement groups
 * inside the database over indexed columns and returns one row per group, so the report's memory
 * does not grow with the month's cases. The month's cases are read from the case header alone,
 * which the case repository keeps with what the report groups and orders by (category, channel,
 * tier, building, the minutes to the first staff step and to completion), from covering indexes
 * that start with the kind; callbacks carry their case's kind. Statements that group by kind
 * name the report's kinds (`kind IN (...)`) and the per-category count names the closed sets of
 * categories and channels, so each group is one index range read in order, with or without
 * planner statistics: only the recurring repairs are sorted (per building and category).
 *
 * Instants: SQLite stores them as ISO-8601 text in UTC (`timestampFormat: "iso8601"`, written as
 * `2026-12-01T02:00:00.000+00:00`), compared as text against exactly that form. Danger: a bound
 * written with `Z` sorts after the stored `+00:00` of the same instant, which would put a case at
 * local midnight into the previous month. PostgreSQL stores `timestamp` in UTC, compared against
 * a cast of the text (a zone in the input of a plain `timestamp` is ignored, which is right for UTC).
 */
export function prismaReportQueries(client: Pick<PrismaTx, "$queryRaw">, kind: DatabaseKind): ReportQueries {
  const pg = kind === "postgresql";
  const instant = (at: Date): Sql => (pg ? Prisma.sql`CAST(${at.toISOString()} AS timestamp)` : Prisma.sql`${storedSqliteInstant(at)}`);
  const within = (column: Sql, window: ReportWindow): Sql => Prisma.sql`${column} >= ${instant(window.from)} AND ${column} < ${instant(window.to)}`;
  const numbersOf = (column: Sql, distinct = true): Sql => {
    const only = Prisma.raw(distinct ? "DISTINCT " : "");
    return pg ? Prisma.sql`string_agg(${only}${column}, ',')` : Prisma.sql`group_concat(${only}${column})`;
  };
  const text = (column: Sql): Sql => (pg ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column);
  const jsonField = (column: Sql, field: string): Sql =>
    pg ? Prisma.sql`(CAST(${column} AS json) ->> ${field})` : Prisma.sql`json_extract(${column}, ${`$.${field}`})`;
  const query = <T>(sql: Sql) => client.$queryRaw<T[]>(sql);
  const oneOf = (list: readonly string[]): Sql => Prisma.sql`IN (${Prisma.join([...list])})`;
  const caseKinds = reportKinds.filter((kind) => kind !== "fee");
  // Both compute PostgreSQL's percentile_cont (linear between the ranked neighbours); SQLite's is
  // the percentile extension, built into the SQLite better-sqlite3 bundles (SQLITE_ENABLE_PERCENTILE).
  const percentile = (p: number, column: Sql): Sql =>
    pg ? Prisma.sql`percentile_cont(${Prisma.raw(String(p))}) WITHIN GROUP (ORDER BY ${column})` : Prisma.sql`percentile_cont(${column}, ${Prisma.raw(String(p))})`;

  /**
   * Count, median and p90 per kind of a minutes column of the header, over the cases whose
   * instant column is in the window: one range of the covering index per kind, no join, no sort
   * of the month's cases (each kind's values are ordered inside the aggregate).
   */
  async function percentiles(window: ReportWindow, instant: string, minutes: string): Promise<Array<{ kind: string } & DurationRow>> {
    const column = Prisma.raw(`"${minutes}"`);
    const rows = await query<{ kind: string; count: Num; median: Num; p90: Num }>(Prisma.sql`
      SELECT "kind", COUNT(*) AS "count", ${percentile(0.5, column)} AS "median", ${percentile(0.9, column)} AS "p90"
      FROM "cases"
      WHERE "kind" ${oneOf(reportKinds)} AND ${within(Prisma.raw(`"${instant}"`), window)} AND ${column} IS NOT NULL
      GROUP BY "kind"`);
    return rows.map((row) => ({ kind: row.kind, count: Number(row.count), median: nullable(row.median), p90: nullable(row.p90) }));
  }

  return {
    async requestsPerKind(window) {
      const rows = await query<{ kind: string; count: Num }>(Prisma.sql`
        SELECT "kind", COUNT(*) AS "count" FROM "cases" WHERE ${within(Prisma.sql`"created_at"`, window)} GROUP BY "kind"`);
      return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
    },

    async requestsPerCategoryAndChannel(window, keys) {
      if (keys.categories.length === 0 || keys.channels.length === 0) return [];
      // Index (kind, category, channel, created_at): every named combination is one range, read in group order.
      const rows = await query<{ kind: string; category: string | null; channel: string | null; count: Num }>(Prisma.sql`
        SELECT "kind", "category", "channel", COUNT(*) AS "count"
        FROM "cases"
        WHERE "kind" ${oneOf(caseKinds)} AND "category" ${oneOf(keys.categories)} AND "channel" ${oneOf(keys.channels)}
          AND ${within(Prisma.sql`"created_at"`, window)}
        GROUP BY "kind", "category", "channel"`);
      return rows.flatMap((row) =>
        row.category === null || row.channel === null ? [] : [{ kind: row.kind, category: row.category, channel: row.channel, count: Number(row.count) }],
      );
    },

    async callbackCoverage(window) {
      const rows = await query<{ kind: string; finished: Num; done: Num }>(Prisma.sql`
        SELECT "case_kind" AS "kind", COUNT(*) AS "finished", SUM(CASE WHEN "status" = 'done' THEN 1 ELSE 0 END) AS "done"
        FROM "callbacks"
        WHERE "case_kind" ${oneOf(reportKinds)} AND ${within(Prisma.sql`"created_at"`, window)} AND "status" <> 'cancelled'
        GROUP BY "case_kind"`);
      return rows.map((row) => ({ kind: row.kind, finished: Number(row.finished), done: Number(row.done) }));
    },

    async clocksOnTime(window, rules) {
      if (rules.length === 0) return [];
      const rows = await query<{ rule: string; stopped: Num; on_time: Num }>(Prisma.sql`
        SELECT "rule", COUNT(*) AS "stopped", SUM(CASE WHEN "stopped_at" <= "due_at" THEN 1 ELSE 0 END) AS "on_time"
        FROM "clocks"
        WHERE "rule" IN (${Prisma.join([...rules])}) AND ${within(Prisma.sql`"stopped_at"`, window)}
        GROUP BY "rule"`);
      return rows.map((row) => ({ rule: row.rule, stopped: Number(row.stopped), onTime: Number(row.on_time) }));
    },

    // The header keeps the first staff step after the report itself (a phone intake's "reported" is staff's too).
    firstResponse: (window) => percentiles(window, "created_at", "first_response_minutes"),

    // A cancelled case has no completion minutes.
    completion: (window) => percentiles(window, "closed_at", "completion_minutes"),

    async complaintsPerTier(window) {
      const rows = await query<{ tier: string | null; count: Num }>(Prisma.sql`
        SELECT "tier", COUNT(*) AS "count" FROM "cases"
        WHERE "kind" = 'complaint' AND ${within(Prisma.sql`"created_at"`, window)}
        GROUP BY "tier"`);
      return rows.map((row) => ({ tier: row.tier, count: Number(row.count) }));
    },

    async complaintBreaches(window) {
      const rows = await query<{ number: string; rule: string | null; at: string }>(Prisma.sql`
        SELECT "c"."number" AS "number", COALESCE(${jsonField(Prisma.sql`"e"."data"`, "rule")}, ${jsonField(Prisma.sql`"e"."data"`, "reason")}) AS "rule",
          ${text(Prisma.sql`"e"."at"`)} AS "at"
        FROM "case_events" AS "e" JOIN "cases" AS "c" ON "c"."id" = "e"."case_id"
        WHERE "e"."type" = 'escalated' AND ${within(Prisma.sql`"e"."at"`, window)} AND "c"."kind" = 'complaint'
        ORDER BY "e"."at", "e"."seq"`);
      return rows.map((row) => ({ caseNumber: row.number, rule: row.rule ?? "", at: new Date(row.at) }));
    },

    async recurringCategories(window, minimum) {
      // The header's building and category: no join; one row per case, so its number needs no DISTINCT.
      const rows = await query<{ building: string; category: string; count: Num; numbers: string }>(Prisma.sql`
        SELECT "building", "category", COUNT(*) AS "count", ${numbersOf(Prisma.sql`"number"`, false)} AS "numbers"
        FROM "cases"
        WHERE "kind" = 'repair' AND ${within(Prisma.sql`"created_at"`, window)} AND "category" IS NOT NULL AND "building" IS NOT NULL
        GROUP BY "building", "category"
        HAVING COUNT(*) >= ${minimum}
        ORDER BY "building", "category"`);
      return rows.map((row) => ({ building: row.building, category: row.category, count: Number(row.count), caseNumbers: numberList(row.numbers) }));
    },

    async reopenedUnits(window, minimum) {
      const rows = await query<{ building: string; unit: string; reopens: Num; numbers: string }>(Prisma.sql`
        SELECT "u"."building" AS "building", "u"."unit" AS "unit", COUNT(*) AS "reopens", ${numbersOf(Prisma.sql`"c"."number"`)} AS "numbers"
        FROM "case_events" AS "e"
        JOIN "cases" AS "c" ON "c"."id" = "e"."case_id"
        JOIN "units" AS "u" ON "u"."id" = "c"."unit_id"
        WHERE "e"."type" = 'reopened' AND ${within(Prisma.sql`"e"."at"`, window)} AND "c"."kind" = 'repair'
        GROUP BY "u"."building", "u"."unit"
        HAVING COUNT(*) >= ${minimum}
        ORDER BY "u"."building", "u"."unit"`);
      return rows.map((row) => ({ building: row.building, unit: row.unit, reopens: Number(row.reopens), caseNumbers: numberList(row.numbers) }));
    },

    async serviceOrders(window) {
      // A service order's category on the header is its service type.
      const rows = await query<{ value: string | null; count: Num }>(Prisma.sql`
        SELECT "category" AS "value", COUNT(*) AS "count" FROM "cases"
        WHERE "kind" = 'service' AND ${within(Prisma.sql`"created_at"`, window)}
        GROUP BY "category"`);
      return rows.flatMap((row) => (row.value === null ? [] : [{ serviceType: row.value, count: Number(row.count) }]));
    },

    async workOrders(window) {
      const rows = await query<{ service_type: string; count: Num }>(Prisma.sql`
        SELECT "s"."service_type" AS "service_type", COUNT(*) AS "count"
        FROM "work_orders" AS "w" JOIN "service_details" AS "s" ON "s"."case_id" = "w"."case_id"
        WHERE "w"."month" = ${window.period} AND "w"."status" <> 'cancelled'
        GROUP BY "s"."service_type"`);
      return rows.map((row) => ({ serviceType: row.service_type, count: Number(row.count) }));
    },

    async serviceCollected(window) {
      const rows = await query<{ service_type: string; fen: Num }>(Prisma.sql`
        SELECT "s"."service_type" AS "service_type", SUM("x"."amount_fen") AS "fen"
        FROM "receipts" AS "x" JOIN "service_details" AS "s" ON "s"."case_id" = "x"."case_id"
        WHERE ${within(Prisma.sql`"x"."issued_at"`, window)}
        GROUP BY "s"."service_type"`);
      return rows.map((row) => ({ serviceType: row.service_type, fen: Number(row.fen ?? 0) }));
    },

    async feeCollection(window) {
      const rows = await query<{ fee_type: string; charges: Num; charged: Num; paid: Num }>(Prisma.sql`
        SELECT "fee_type", COUNT(*) AS "charges", SUM("amount_fen") AS "charged", SUM("paid_fen") AS "paid"
        FROM "charges" WHERE "due_date" >= ${window.fromDate} AND "due_date" < ${window.toDate}
        GROUP BY "fee_type"`);
      return rows.map((row) => ({ feeType: row.fee_type, charges: Number(row.charges), chargedFen: Number(row.charged ?? 0), paidFen: Number(row.paid ?? 0) }));
    },

    async householdsPerStage(window) {
      const end = instant(window.to);
      const rows = await query<{ stage: string; households: Num }>(Prisma.sql`
        SELECT "f"."stage" AS "stage", COUNT(DISTINCT "c"."unit_id") AS "households"
        FROM "cases" AS "c" JOIN "fee_details" AS "f" ON "f"."case_id" = "c"."id"
        WHERE "c"."kind" = 'fee' AND "c"."created_at" < ${end} AND ("c"."closed_at" IS NULL OR "c"."closed_at" >= ${end})
        GROUP BY "f"."stage"`);
      return rows.map((row) => ({ stage: row.stage, households: Number(row.households) }));
    },
  };
}

/** An instant in the text form the SQLite adapter stores. */
function storedSqliteInstant(at: Date): string {
  return at.toISOString().replace(/Z$/, "+00:00");
}

function nullable(value: Num): number | null {
  return value === null ? null : Number(value);
}

function numberList(joined: string | null): string[] {
  return joined ? joined.split(",").sort() : [];
}
