/**
 * What every importer reports: rows read = rows accepted + rows rejected, each rejection with
 * its row and column (privacy.md, "Bad input"). Serialised as `import-report.json`.
 */

export interface Rejection {
  /** 1-based row as a person finds it in the file (CSV: line number of the record, header = 1). */
  row: number;
  /** Column name as written in the file (or XML element path). */
  column: string;
  reason: string;
}

export interface FileReport {
  file: string;
  format: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rejects: Rejection[];
  /** Notes that do not reject a row (e.g. "test-range BSN", "decimal comma in column X"). */
  warnings: string[];
}

/** A file that cannot be read at all (empty, truncated, no header, wrong format): exit code 2. */
export class ImportFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "ImportFileError";
  }
}
