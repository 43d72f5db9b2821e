/** Builds the FileProbe every detector looks at: a cheap look at the first bytes of a file. */
import {stat} from "node:fs/promises";
import {basename, relative, sep} from "node:path";
import {decodeHead, findHeader, readHead, sniffDelimiter} from "../formats/csv.js";
import type {FileProbe} from "./registry.js";

export async function probeFile(path: string, root: string): Promise<FileProbe> {
  const {size} = await stat(path);
  const bytes = await readHead(path);
  const head = decodeHead(bytes, size > bytes.length);
  const looksLikeMarkup = /^\s*[<{[]/.test(head);
  const text = size > bytes.length ? head : head + "\n";
  const delimiter = looksLikeMarkup ? null : sniffDelimiter(text);
  const header = delimiter ? findHeader(text, delimiter).fields : [];
  return {path, name: basename(path), relative: relativePath(root, path), size, head, delimiter, header};
}

/** Path relative to the delivery root with `/` separators, as stored in `source_file`. */
export function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}
