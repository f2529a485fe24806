import type { DurationRow, ReportQueries, ReportWindow } from "../../core/ports/reports.js";
import { Prisma } from "../../generated/sqlite/client.js";
import type { DatabaseKind, PrismaTx } from "./prisma-client.js";

type Sql = Prisma.Sql;
type Num = number | bigint | null;

/**
 * The monthly report's aggregates in raw SQL for SQLite and PostgreSQL: every statement groups
 * inside the database over indexed columns (cases by created_at or closed_at, events by type and
 * instant, clocks by rule and stop, callbacks, receipts, work orders by month, charges by due date)
 * and returns one row per group, so the report's memory does not grow with the month's cases.
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
  const minutesBetween = (later: Sql, earlier: Sql): Sql =>
    // julianday is a float of days: rounded to the millisecond instants are stored with, it is exact.
    pg
      ? Prisma.sql`(EXTRACT(EPOCH FROM (${later} - ${earlier})) / 60.0)`
      : Prisma.sql`(ROUND((julianday(${later}) - julianday(${earlier})) * 86400000.0) / 60000.0)`;
  const numbersOf = (column: Sql): Sql => (pg ? Prisma.sql`string_agg(DISTINCT ${column}, ',')` : Prisma.sql`group_concat(DISTINCT ${column})`);
  const text = (column: Sql): Sql => (pg ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column);
  const jsonField = (column: Sql, field: string): Sql =>
    pg ? Prisma.sql`(CAST(${column} AS json) ->> ${field})` : Prisma.sql`json_extract(${column}, ${`$.${field}`})`;
  const query = <T>(sql: Sql) => client.$queryRaw<T[]>(sql);

  /**
   * Count, median and p90 of `minutes` per kind over the rows `source` selects (columns `kind`
   * and `minutes`). PostgreSQL has `percentile_cont`; SQLite gets the same interpolation from
   * each kind's rows numbered in order, so only those rows are read, never every case.
   */
  async function percentiles(source: Sql): Promise<Array<{ kind: string } & DurationRow>> {
    type Row = { kind: string; count: Num; median: Num; p90: Num };
    const rows = pg
      ? await query<Row>(Prisma.sql`
          SELECT "kind", COUNT(*) AS "count",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY "minutes") AS "median",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY "minutes") AS "p90"
          FROM (${source}) AS "d" GROUP BY "kind"`)
      : await query<Row>(Prisma.sql`
          WITH "ranked" AS (
            SELECT "kind", "minutes",
              ROW_NUMBER() OVER (PARTITION BY "kind" ORDER BY "minutes") - 1 AS "i",
              COUNT(*) OVER (PARTITION BY "kind") AS "n"
            FROM (${source}))
          SELECT "kind", MAX("n") AS "count", ${interpolated(0.5)} AS "median", ${interpolated(0.9)} AS "p90"
          FROM "ranked" GROUP BY "kind"`);
    return rows.map((row) => ({ kind: row.kind, count: Number(row.count), median: nullable(row.median), p90: nullable(row.p90) }));
  }

  /** The cases of `kind` created in the window, counted per value of a column of its details table. */
  async function newCasesBy(window: ReportWindow, caseKind: string, table: string, column: string): Promise<Array<{ value: string | null; count: number }>> {
    const rows = await query<{ value: string | null; count: Num }>(Prisma.sql`
      SELECT "d".${Prisma.raw(`"${column}"`)} AS "value", COUNT(*) AS "count"
      FROM "cases" AS "c" JOIN ${Prisma.raw(`"${table}"`)} AS "d" ON "d"."case_id" = "c"."id"
      WHERE "c"."kind" = ${caseKind} AND ${within(Prisma.sql`"c"."created_at"`, window)}
      GROUP BY "d".${Prisma.raw(`"${column}"`)}`);
    return rows.map((row) => ({ value: row.value, count: Number(row.count) }));
  }

  return {
    async requestsPerKind(window) {
      const rows = await query<{ kind: string; count: Num }>(Prisma.sql`
        SELECT "kind", COUNT(*) AS "count" FROM "cases" WHERE ${within(Prisma.sql`"created_at"`, window)} GROUP BY "kind"`);
      return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
    },

    async requestsPerCategoryAndChannel(window) {
      const category = Prisma.sql`COALESCE("r"."category", "p"."subject", "s"."service_type")`;
      const channel = Prisma.sql`COALESCE("r"."intake_channel", "p"."channel", "s"."intake_channel")`;
      const rows = await query<{ kind: string; category: string | null; channel: string | null; count: Num }>(Prisma.sql`
        SELECT "c"."kind" AS "kind", ${category} AS "category", ${channel} AS "channel", COUNT(*) AS "count"
        FROM "cases" AS "c"
        LEFT JOIN "repair_details" AS "r" ON "r"."case_id" = "c"."id"
        LEFT JOIN "complaint_details" AS "p" ON "p"."case_id" = "c"."id"
        LEFT JOIN "service_details" AS "s" ON "s"."case_id" = "c"."id"
        WHERE ${within(Prisma.sql`"c"."created_at"`, window)} AND "c"."kind" IN ('repair', 'complaint', 'service')
        GROUP BY "c"."kind", ${category}, ${channel}`);
      return rows.flatMap((row) =>
        row.category === null || row.channel === null ? [] : [{ kind: row.kind, category: row.category, channel: row.channel, count: Number(row.count) }],
      );
    },

    async callbackCoverage(window) {
      const rows = await query<{ kind: string; finished: Num; done: Num }>(Prisma.sql`
        SELECT "c"."kind" AS "kind", COUNT(*) AS "finished", SUM(CASE WHEN "b"."status" = 'done' THEN 1 ELSE 0 END) AS "done"
        FROM "callbacks" AS "b" JOIN "cases" AS "c" ON "c"."id" = "b"."case_id"
        WHERE ${within(Prisma.sql`"b"."created_at"`, window)} AND "b"."status" <> 'cancelled'
        GROUP BY "c"."kind"`);
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

    firstResponse(window) {
      // The first staff step after the report itself (a phone intake's "reported" is staff's too).
      const first = Prisma.sql`(SELECT MIN("e"."at") FROM "case_events" AS "e"
        WHERE "e"."case_id" = "c"."id" AND "e"."actor_type" = 'staff' AND "e"."type" <> 'reported')`;
      return percentiles(Prisma.sql`
        SELECT "kind", ${minutesBetween(Prisma.sql`"first_at"`, Prisma.sql`"created_at"`)} AS "minutes"
        FROM (SELECT "c"."kind" AS "kind", "c"."created_at" AS "created_at", ${first} AS "first_at"
              FROM "cases" AS "c" WHERE ${within(Prisma.sql`"c"."created_at"`, window)}) AS "f"
        WHERE "first_at" IS NOT NULL`);
    },

    completion(window) {
      return percentiles(Prisma.sql`
        SELECT "kind", ${minutesBetween(Prisma.sql`"closed_at"`, Prisma.sql`"created_at"`)} AS "minutes"
        FROM "cases" WHERE ${within(Prisma.sql`"closed_at"`, window)} AND "status" <> 'cancelled'`);
    },

    async complaintsPerTier(window) {
      const rows = await newCasesBy(window, "complaint", "complaint_details", "tier");
      return rows.map((row) => ({ tier: row.value, count: row.count }));
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
      const rows = await query<{ building: string; category: string; count: Num; numbers: string }>(Prisma.sql`
        SELECT "u"."building" AS "building", "r"."category" AS "category", COUNT(*) AS "count", ${numbersOf(Prisma.sql`"c"."number"`)} AS "numbers"
        FROM "cases" AS "c"
        JOIN "repair_details" AS "r" ON "r"."case_id" = "c"."id"
        JOIN "units" AS "u" ON "u"."id" = "c"."unit_id"
        WHERE "c"."kind" = 'repair' AND ${within(Prisma.sql`"c"."created_at"`, window)}
        GROUP BY "u"."building", "r"."category"
        HAVING COUNT(*) >= ${minimum}
        ORDER BY "u"."building", "r"."category"`);
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
      const rows = await newCasesBy(window, "service", "service_details", "service_type");
      return rows.flatMap((row) => (row.value === null ? [] : [{ serviceType: row.value, count: row.count }]));
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

/**
 * SQLite's `percentile_cont(p)`: the value at rank (n-1)p, linear between the two ranked
 * neighbours, in PostgreSQL's arithmetic (low + (high - low) * fraction). Past the last row the
 * high neighbour's sum is 0, but then the fraction is 0 too.
 */
function interpolated(p: number): Sql {
  const position = Prisma.raw(`(("n" - 1) * ${p})`);
  const floor = Prisma.sql`CAST(${position} AS INTEGER)`;
  const low = Prisma.sql`SUM(CASE WHEN "i" = ${floor} THEN "minutes" ELSE 0 END)`;
  const high = Prisma.sql`SUM(CASE WHEN "i" = ${floor} + 1 THEN "minutes" ELSE 0 END)`;
  return Prisma.sql`(${low} + (${high} - ${low}) * (MAX(${position}) - MAX(${floor})))`;
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
