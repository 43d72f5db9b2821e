/**
 * Data loaders in src/data/ call these: run one SQL query over the imported model (see
 * lib/workspace.ts for where it comes from) and write the result to stdout (Parquet, Arrow, JSON
 * or a zip of files), the only thing a loader writes there. Log lines go to stderr.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableToIPC, type Table} from "apache-arrow";
import JSZip from "jszip";
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

/** One date for every zip entry: the same files give the same archive bytes. */
const ZIP_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * A zip archive (deflated) of `files` (name -> content), entries in the order given, every entry
 * dated ZIP_DATE: Framework extracts the files a page names from a loader's archive at build time.
 */
export async function zipFiles(files: ReadonlyArray<readonly [string, string | Uint8Array]>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of files) zip.file(name, content, {date: ZIP_DATE, createFolders: false});
  return zip.generateAsync({type: "uint8array", compression: "DEFLATE", compressionOptions: {level: 6}});
}

/** Writes a zip of files computed from the model to stdout (see zipFiles). */
export async function emitZip(compute: (model: Model) => Promise<ReadonlyArray<readonly [string, string | Uint8Array]>>): Promise<void> {
  const model = await currentModel();
  try {
    process.stdout.write(await zipFiles(await compute(model)));
  } finally {
    model.close();
  }
}
