import type { Store, UnitOfWork } from "../../core/ports/store.js";
import type { PrismaClient } from "../../generated/sqlite/client.js";
import { prismaCaseRepository } from "./prisma-case-repository.js";
import { prismaCallbackRepository, prismaClockRepository } from "./prisma-clock-repositories.js";
import type { DatabaseKind, PrismaTx, RepositoryContext } from "./prisma-client.js";
import { prismaChargeRepository, prismaPaymentRepository } from "./prisma-fee-repositories.js";
import { prismaJobRepository } from "./prisma-job-repository.js";
import { prismaInboxRepository, prismaKeyValueRepository } from "./prisma-key-value-repository.js";
import { prismaMessageRefRepository, prismaOutboxRepository } from "./prisma-outbox-repository.js";
import { prismaSenderLeaseRepository } from "./prisma-sender-lease-repository.js";
import { prismaPriceRepository } from "./prisma-price-repository.js";
import {
  prismaIdentityRepository,
  prismaResidentRepository,
  prismaStaffRepository,
  prismaUnitRepository,
  prismaVerificationRepository,
} from "./prisma-registry-repositories.js";
import { prismaReceiptRepository, prismaWorkOrderRepository } from "./prisma-service-repositories.js";

/** Every repository of the port over one open Prisma transaction. */
export function createPrismaStore(tx: PrismaTx, kind: DatabaseKind): Store {
  const context: RepositoryContext = { tx, kind };
  return {
    units: prismaUnitRepository(context),
    residents: prismaResidentRepository(context),
    staff: prismaStaffRepository(context),
    prices: prismaPriceRepository(context),
    identities: prismaIdentityRepository(context),
    verifications: prismaVerificationRepository(context),
    cases: prismaCaseRepository(context),
    clocks: prismaClockRepository(context),
    callbacks: prismaCallbackRepository(context),
    workOrders: prismaWorkOrderRepository(context),
    receipts: prismaReceiptRepository(context),
    charges: prismaChargeRepository(context),
    payments: prismaPaymentRepository(context),
    jobs: prismaJobRepository(context),
    outbox: prismaOutboxRepository(context),
    messageRefs: prismaMessageRefRepository(context),
    inbox: prismaInboxRepository(context),
    keyValues: prismaKeyValueRepository(context),
    senderLeases: prismaSenderLeaseRepository(context),
  };
}

export interface TransactionLimits {
  /** How long to wait for a connection / the SQLite writer before giving up. */
  maxWait: number;
  /** How long one transaction may stay open; a stuck callback must not hold the writer forever. */
  timeout: number;
}

export const defaultTransactionLimits: TransactionLimits = { maxWait: 10_000, timeout: 20_000 };

/**
 * A {@link UnitOfWork} over Prisma interactive transactions: the callback's writes commit when it
 * resolves and roll back when it throws (the error is rethrown unchanged, so a WorkflowError
 * reaches the caller as such).
 *
 * Danger: the store must not escape the callback; after commit its transaction is closed.
 */
export function prismaUnitOfWork(
  client: PrismaClient,
  kind: DatabaseKind,
  limits: TransactionLimits = defaultTransactionLimits,
): UnitOfWork {
  return {
    transaction: (work) => client.$transaction((tx) => work(createPrismaStore(tx, kind)), limits),
  };
}
