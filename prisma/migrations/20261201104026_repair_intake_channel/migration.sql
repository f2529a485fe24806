-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_repair_details" (
    "case_id" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "photos" TEXT NOT NULL,
    "public_area" TEXT,
    "preferred_time" TEXT NOT NULL,
    "appointment_at" DATETIME,
    "owner_time_request" TEXT,
    "billing" TEXT NOT NULL,
    "owner_fixed_answer" TEXT,
    "completed_at" DATETIME,
    "leak_test_at" DATETIME,
    "intake_channel" TEXT NOT NULL DEFAULT 'telegram'
);
INSERT INTO "new_repair_details" ("appointment_at", "billing", "case_id", "category", "completed_at", "description", "leak_test_at", "owner_fixed_answer", "owner_time_request", "photos", "preferred_time", "public_area") SELECT "appointment_at", "billing", "case_id", "category", "completed_at", "description", "leak_test_at", "owner_fixed_answer", "owner_time_request", "photos", "preferred_time", "public_area" FROM "repair_details";
DROP TABLE "repair_details";
ALTER TABLE "new_repair_details" RENAME TO "repair_details";
CREATE INDEX "repair_details_category_idx" ON "repair_details"("category");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

