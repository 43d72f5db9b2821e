/**
 * Data loaders in src/data/ call these: run one SQL query over the imported model (see
 * lib/workspace.ts for where it comes from) and write the result to stdout as Parquet, the only
 * thing a loader writes there. Log lines go to stderr.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
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

/** Writes a JSON value computed from the model to stdout. */
export async function emitJson<T>(compute: (model: Model) => Promise<T>): Promise<void> {
  const model = await currentModel();
  try {
    process.stdout.write(JSON.stringify(await compute(model)));
  } finally {
    model.close();
  }
}
