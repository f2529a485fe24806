-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_verification_requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "telegram_user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "unit_id" TEXT,
    "status" TEXT NOT NULL,
    "decided_by" TEXT,
    "created_at" DATETIME NOT NULL,
    "decided_at" DATETIME
);
INSERT INTO "new_verification_requests" ("building", "created_at", "decided_at", "decided_by", "id", "name", "phone", "status", "telegram_user_id", "unit", "unit_id") SELECT "building", "created_at", "decided_at", "decided_by", "id", "name", "phone", "status", "telegram_user_id", "unit", "unit_id" FROM "verification_requests";
DROP TABLE "verification_requests";
ALTER TABLE "new_verification_requests" RENAME TO "verification_requests";
CREATE INDEX "verification_requests_telegram_user_id_status_idx" ON "verification_requests"("telegram_user_id", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

