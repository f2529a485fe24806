import type { Case } from "../../../case/case.js";
import { type Receipt, totalFen } from "../../../domain/receipts.js";
import type { WorkOrder, WorkOrderStatus } from "../../../domain/work-orders.js";
import type { Store } from "../../../ports/store.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceDetails, ServiceType } from "../details.js";
import { monthBounds, monthOf } from "../package/schedule.js";

export interface MonthWorkOrder {
  number: string;
  scheduledAt: Date;
  status: WorkOrderStatus;
}

export interface MonthOrder {
  number: string;
  serviceType: ServiceType;
  priceCode: string;
  workOrders: MonthWorkOrder[];
}

export interface MonthReceipt {
  number: string;
  amountFen: number;
  issuedAt: Date;
  /** The number of the case the fee is for (a service order, a paid repair), null for none. */
  orderNumber: string | null;
  /** The work order the fee is for, when it is for one visit. */
  workOrderNumber: string | null;
  /** The service and item of the order, when the fee is a service order's. */
  serviceType: ServiceType | null;
  priceCode: string | null;
}

/** One customer of the month: a resident of a unit, with their orders' visits and their fees. */
export interface MonthCustomer {
  unitId: string;
  building: string;
  unit: string;
  residentName: string;
  orders: MonthOrder[];
  receipts: MonthReceipt[];
  totalFen: number;
}

export interface ServiceMonthSummary {
  month: string;
  customers: MonthCustomer[];
  totalFen: number;
}

/**
 * The receipts that belong to a local month: those issued in it, except the monthly fees of the
 * month before (issued at that month's close on the 1st), and this month's monthly fees, issued
 * at its close on the 1st of the next month. One range read over the issue instant covers both.
 */
async function receiptsOfMonth(store: Store, month: string, timeZone: string): Promise<Receipt[]> {
  const { start, end } = monthBounds(month, timeZone);
  const issued = await store.receipts.listIssuedBetween(start, monthBounds(monthOf(end, timeZone), timeZone).end);
  return issued.filter((receipt) => receipt.period === month || (receipt.period === null && receipt.issuedAt < end));
}

const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

interface MonthData {
  workOrders: WorkOrder[];
  receipts: Receipt[];
  cases: Map<string, Case>;
}

async function readMonth(store: Store, month: string, timeZone: string): Promise<MonthData> {
  const workOrders = await store.workOrders.listByMonth(month);
  const receipts = await receiptsOfMonth(store, month, timeZone);
  const cases = new Map<string, Case>();
  const caseIds = new Set([...workOrders.map((order) => order.caseId), ...receipts.flatMap((receipt) => (receipt.caseId ? [receipt.caseId] : []))]);
  for (const caseId of caseIds) {
    const found = await store.cases.findById(caseId);
    if (found) cases.set(caseId, found);
  }
  return { workOrders, receipts, cases };
}

/**
 * The month's service orders and fees per customer (unit and resident): every work order of the
 * month (a package's visits, a one-off's visit), every receipt that belongs to the month (a paid
 * repair's too), and the customer's total of fees. The front desk's month-end digest and
 * `export orders` read it.
 */
export async function getServiceMonthSummary(ctx: WorkflowContext, month: string): Promise<ServiceMonthSummary> {
  monthBounds(month, ctx.timeZone);
  return ctx.uow.transaction(async (store) => {
    const { workOrders, receipts, cases } = await readMonth(store, month, ctx.timeZone);
    const customers = new Map<string, MonthCustomer>();
    const customerOf = async (unitId: string, residentId: string): Promise<MonthCustomer> => {
      const key = `${unitId}\u0000${residentId}`;
      const known = customers.get(key);
      if (known) return known;
      const unit = await store.units.findById(unitId);
      const resident = await store.residents.findById(residentId);
      const customer: MonthCustomer = { unitId, building: unit?.building ?? "", unit: unit?.unit ?? "", residentName: resident?.name ?? "", orders: [], receipts: [], totalFen: 0 };
      customers.set(key, customer);
      return customer;
    };
    const workOrderNumbers = new Map<string, string>();
    for (const order of workOrders) {
      const subject = cases.get(order.caseId) as Case<ServiceDetails> | undefined;
      if (!subject) continue;
      workOrderNumbers.set(order.id, order.number);
      const customer = await customerOf(subject.unitId, subject.reporterId);
      let entry = customer.orders.find((candidate) => candidate.number === subject.number);
      if (!entry) {
        entry = { number: subject.number, serviceType: subject.details.serviceType, priceCode: subject.details.priceCode, workOrders: [] };
        customer.orders.push(entry);
      }
      entry.workOrders.push({ number: order.number, scheduledAt: order.scheduledAt, status: order.status });
    }
    for (const receipt of receipts) {
      const subject = receipt.caseId ? cases.get(receipt.caseId) : undefined;
      const service = subject?.kind === "service" ? (subject as Case<ServiceDetails>).details : null;
      const customer = await customerOf(receipt.unitId, receipt.payerId);
      const workOrderNumber = receipt.workOrderId ? (workOrderNumbers.get(receipt.workOrderId) ?? (await store.workOrders.findById(receipt.workOrderId))?.number ?? null) : null;
      customer.receipts.push({
        number: receipt.number,
        amountFen: receipt.amountFen,
        issuedAt: receipt.issuedAt,
        orderNumber: subject?.number ?? null,
        workOrderNumber,
        serviceType: service?.serviceType ?? null,
        priceCode: service?.priceCode ?? null,
      });
    }
    const sorted = [...customers.values()]
      .map((customer) => {
        customer.orders.sort((a, b) => natural(a.number, b.number));
        for (const order of customer.orders) order.workOrders.sort((a, b) => natural(a.number, b.number));
        customer.receipts.sort((a, b) => natural(a.number, b.number));
        return { ...customer, totalFen: totalFen(customer.receipts) };
      })
      .sort((a, b) => natural(a.building, b.building) || natural(a.unit, b.unit) || a.residentName.localeCompare(b.residentName, "zh-CN"));
    return { month, customers: sorted, totalFen: totalFen(sorted.map((customer) => ({ amountFen: customer.totalFen }))) };
  });
}
