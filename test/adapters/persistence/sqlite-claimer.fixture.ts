// A separate process for the cross-process SQLite claim test: opens the database at argv[2],
// waits until the instant argv[3] (ms) so both processes start together, claims jobs one at a
// time until none are left, and prints the claimed ids as JSON.
import { openDatabase } from "../../../src/adapters/persistence/database.js";

const [url, startAt] = process.argv.slice(2);
if (!url || !startAt) throw new Error("usage: sqlite-claimer.fixture.ts FILE_URL START_AT_MS");
const database = await openDatabase(url);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const claimed: string[] = [];
for (;;) {
  const now = new Date();
  const batch = await database.unitOfWork.transaction((store) => store.jobs.claimDue(now, 1, new Date(now.getTime() + 600_000)));
  if (batch.length === 0) break;
  claimed.push(...batch.map((job) => job.id));
}
await database.close();
process.stdout.write(JSON.stringify(claimed));
