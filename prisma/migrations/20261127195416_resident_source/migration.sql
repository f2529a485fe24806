-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_residents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unit_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'registry'
);
INSERT INTO "new_residents" ("id", "locale", "name", "phone", "role", "unit_id") SELECT "id", "locale", "name", "phone", "role", "unit_id" FROM "residents";
DROP TABLE "residents";
ALTER TABLE "new_residents" RENAME TO "residents";
CREATE INDEX "residents_phone_idx" ON "residents"("phone");
CREATE UNIQUE INDEX "residents_unit_id_phone_key" ON "residents"("unit_id", "phone");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Residents the front desk approved before the source existed: keep them out of re-import removal.
UPDATE "residents" SET "source" = 'front_desk'
WHERE EXISTS (
    SELECT 1 FROM "verification_requests" AS v
    WHERE v."status" = 'approved' AND v."unit_id" = "residents"."unit_id" AND v."phone" = "residents"."phone"
);
