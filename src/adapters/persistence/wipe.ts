import type { Prisma, PrismaClient } from "../../generated/sqlite/client.js";

interface Deletable {
  deleteMany(): Prisma.PrismaPromise<Prisma.BatchPayload>;
}

/**
 * Deletes every row of every model in one transaction (the migrations record stays). The model
 * list comes from the generated client, so a table added later is wiped too rather than left
 * behind holding rows that point at nothing. There are no foreign keys, so order is free.
 */
export async function wipeAllRows(client: PrismaClient, modelNames: readonly string[]): Promise<void> {
  const delegates = client as unknown as Record<string, Deletable | undefined>;
  const deletions = modelNames.map((name) => {
    const delegate = delegates[name.charAt(0).toLowerCase() + name.slice(1)];
    if (!delegate) throw new Error(`the generated client has no delegate for model ${name}`);
    return delegate.deleteMany();
  });
  await client.$transaction(deletions);
}
