-- CreateTable
CREATE TABLE "price_items" (
    "code" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "pricing_unit" TEXT NOT NULL,
    "price_fen" INTEGER NOT NULL,
    "onsite_pricing" BOOLEAN NOT NULL,

    CONSTRAINT "price_items_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "price_items_team_idx" ON "price_items"("team");

