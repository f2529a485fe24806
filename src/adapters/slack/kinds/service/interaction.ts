import { z } from "zod";

/**
 * Ids of the buttons only service orders have. Cards already posted carry them, so they never
 * change. Claim, Assign and Cancel are every kind's (`actionIds`).
 */
export const serviceActionIds = {
  scheduleSiteVisit: "service.schedule_site_visit",
  quote: "service.quote",
  proposeTime: "service.propose_time",
  proposeVisitTime: "service.propose_visit_time",
  start: "service.start",
  done: "service.done",
  startVisit: "service.start_visit",
  doneVisit: "service.done_visit",
  endPackage: "service.end_package",
} as const;

/** `callback_id`s of the service order's own modals. */
export const serviceViewIds = {
  siteVisit: "service.site_visit_modal",
  quote: "service.quote_modal",
  proposeTime: "service.propose_time_modal",
} as const;

/** How many rows of item and quantity the Quote modal offers. */
export const quoteRows = 5;

/**
 * Block and action ids of the service modals' fields, prefixed so no other kind's modal reads
 * them by accident; a quote row's are numbered (`service_item_1`).
 */
export const serviceInputs = {
  date: "service_date",
  time: "service_time",
  item: (row: number) => `service_item_${row}`,
  quantity: (row: number) => `service_quantity_${row}`,
  weekdays: "service_weekdays",
  visitTime: "service_visit_time",
  weeks: "service_weeks",
  visit: "service_visit",
} as const;

/** The Weeks choice of a package's quote: every week, or the 1st and 3rd of the month. */
export const weeksChoices = { every: null, first_third: [1, 3] } as const satisfies Record<string, number[] | null>;
export type WeeksChoice = keyof typeof weeksChoices;

/**
 * A package visit's button (Start visit, Done visit): the case and card version, as every card
 * button, and the visit it names by its scheduled instant (ISO), as the core's `visitAt`.
 */
export const VisitButtonValueSchema = z.object({ ticketId: z.string().min(1), version: z.number().int().positive(), visitAt: z.iso.datetime() });
export type VisitButtonValue = z.infer<typeof VisitButtonValueSchema>;

/** A quantity as staff type it: above 0, at most two decimals (89.5 m², 2.5 hours). */
export const QuantityTextSchema = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,5})(\.\d{1,2})?$/)
  .transform(Number)
  .refine((quantity) => quantity > 0);
