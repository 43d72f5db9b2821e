// Prints a plain closing line "unit: N passed, N failed" that CI reads, after vitest's own report.
import type {Reporter, RunnerTask, RunnerTestFile} from "vitest";

function count(tasks: RunnerTask[], tally: {passed: number; failed: number; skipped: number}) {
  for (const task of tasks) {
    if (task.type === "suite") count(task.tasks, tally);
    else if (task.result?.state === "pass") tally.passed++;
    else if (task.result?.state === "fail") tally.failed++;
    else tally.skipped++;
  }
  return tally;
}

export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []) {
    const tally = count(files, {passed: 0, failed: 0, skipped: 0});
    const failed = tally.failed + errors.length + files.filter((f) => f.result?.state === "fail" && f.tasks.length === 0).length;
    const label = process.env.WARMKOUD_SUITE ?? "tests";
    console.log(`\n${label}: ${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
  }
}
