-- CreateIndex
CREATE INDEX "cases_created_at_idx" ON "cases"("created_at");

-- CreateIndex
CREATE INDEX "cases_closed_at_idx" ON "cases"("closed_at");

-- CreateIndex
CREATE INDEX "case_events_type_at_idx" ON "case_events"("type", "at");

-- CreateIndex
CREATE INDEX "clocks_rule_stopped_at_idx" ON "clocks"("rule", "stopped_at");

-- CreateIndex
CREATE INDEX "callbacks_created_at_idx" ON "callbacks"("created_at");

