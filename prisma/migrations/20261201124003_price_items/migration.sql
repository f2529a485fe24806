-- CreateTable
CREATE TABLE "price_items" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "team" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "pricing_unit" TEXT NOT NULL,
    "price_fen" INTEGER NOT NULL,
    "onsite_pricing" BOOLEAN NOT NULL
);

-- CreateIndex
CREATE INDEX "price_items_team_idx" ON "price_items"("team");

