-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_processed_updates" (
    "source" TEXT NOT NULL,
    "update_id" TEXT NOT NULL,
    "received_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'done',
    "claimed_by" TEXT,
    "lease_until" DATETIME,

    PRIMARY KEY ("source", "update_id")
);
INSERT INTO "new_processed_updates" ("received_at", "source", "update_id") SELECT "received_at", "source", "update_id" FROM "processed_updates";
DROP TABLE "processed_updates";
ALTER TABLE "new_processed_updates" RENAME TO "processed_updates";
CREATE INDEX "processed_updates_received_at_idx" ON "processed_updates"("received_at");
CREATE TABLE "new_key_values" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_key_values" ("key", "updated_at", "value") SELECT "key", "updated_at", "value" FROM "key_values";
DROP TABLE "key_values";
ALTER TABLE "new_key_values" RENAME TO "key_values";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

