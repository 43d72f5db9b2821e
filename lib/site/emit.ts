/**
 * Data loaders in src/data/ call these: run one SQL query over the imported model (see
 * lib/workspace.ts for where it comes from) and write the result to stdout (Parquet, Arrow or
 * JSON), the only thing a loader writes there. Log lines go to stderr.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableToIPC, type Table} from "apache-arrow";
import {openModel, sqlString, type Model} from "../model/queries/model.js";
import {ensureModel} from "../workspace.js";

/** Opens the current model (importing the exports first when needed). */
export async function currentModel(): Promise<Model> {
  return openModel(await ensureModel());
}

/** Writes the result of `sql` as zstd Parquet to stdout. */
export async function emitParquet(sql: string, {rowGroupSize = 122_880}: {rowGroupSize?: number} = {}): Promise<void> {
  const model = await currentModel();
  const dir = mkdtempSync(join(tmpdir(), "warmkoud-loader-"));
  try {
    const file = join(dir, "out.parquet");
    await model.connection.run(`COPY (${sql}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupSize})`);
    process.stdout.write(readFileSync(file));
  } finally {
    model.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Writes an Arrow table computed from the model to stdout as an IPC stream. */
export async function emitArrow(compute: (model: Model) => Promise<Table>): Promise<void> {
  const model = await currentModel();
  try {
    process.stdout.write(tableToIPC(await compute(model), "stream"));
  } finally {
    model.close();
  }
}

/** Writes a JSON value computed from the model to stdout. */
export async function emitJson<T>(compute: (model: Model) => Promise<T>): Promise<void> {
  const model = await currentModel();
  try {
    process.stdout.write(JSON.stringify(await compute(model)));
  } finally {
    model.close();
  }
}
