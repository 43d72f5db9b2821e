/**
 * A buffered text file writer that respects backpressure, so the large scales stream millions of
 * lines without holding them in memory. Counts physical lines so planted rows can be located.
 */
import {createWriteStream, type WriteStream} from "node:fs";
import {mkdir} from "node:fs/promises";
import {once} from "node:events";
import {dirname} from "node:path";
import {encodeWindows1252} from "./dutch-text.js";

export type TextEncoding = "utf-8" | "utf-8-bom" | "windows-1252";

const FLUSH_AT = 1 << 16;

export class FileSink {
  /** Physical lines completed so far (the next line written is `lines + 1`). */
  lines = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(private readonly stream: WriteStream, private readonly encoding: TextEncoding) {}

  static async open(path: string, encoding: TextEncoding): Promise<FileSink> {
    await mkdir(dirname(path), {recursive: true});
    const sink = new FileSink(createWriteStream(path, {highWaterMark: 1 << 20}), encoding);
    if (encoding === "utf-8-bom") sink.pending.push("\uFEFF");
    return sink;
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lines++;
    if (this.pendingLength >= FLUSH_AT) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    const bytes = this.encoding === "windows-1252" ? encodeWindows1252(text) : Buffer.from(text, "utf8");
    if (!this.stream.write(bytes)) await once(this.stream, "drain");
  }
}

/** Writes a small file in one go. */
export async function writeText(path: string, text: string, encoding: TextEncoding = "utf-8"): Promise<void> {
  const sink = await FileSink.open(path, encoding);
  await sink.write(text);
  await sink.close();
}
