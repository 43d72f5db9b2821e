/**
 * Streaming reader for iWmo/iJw messages (XML). Recognises the message from its namespace
 * (`http://www.istandaarden.nl/iwmo/3_2/wmo323/schema`, `.../ijw/3_2/jw323/schema`, release 2.x
 * alike) and yields one flat record per repeating element (e.g. every `Prestatie` of a 323), with
 * the leaf values of that element by relative path (`IngediendBedrag/Bedrag`) and the leaf values
 * of its ancestors' context (Header, Client) by path from the root. Element prefixes are ignored.
 */
import {createReadStream} from "node:fs";
import {SaxesParser} from "saxes";

export interface MessageKind {
  law: "wmo" | "jeugd";
  /** Message number, e.g. "323", "301", "303". */
  code: string;
  /** Release from the namespace, e.g. "3_2". */
  release: string;
  namespace: string;
}

const NAMESPACE = /http:\/\/www\.istandaarden\.nl\/(iwmo|ijw)\/(\d+_\d+)\/(?:wmo|jw)(\d{3})\/schema/;

/** The message kind from the first bytes of a file, or null when it is no iStandaarden message. */
export function messageKind(head: string): MessageKind | null {
  if (!/^\s*(<\?xml|<)/.test(head)) return null;
  const m = NAMESPACE.exec(head);
  if (!m) return null;
  return {law: m[1] === "iwmo" ? "wmo" : "jeugd", release: m[2], code: m[3], namespace: m[0]};
}

export interface MessageRecord {
  /** 1-based line of the record's start tag. */
  line: number;
  /** Leaf values inside the record, by path relative to it (`Product/Categorie`). */
  fields: Record<string, string>;
  /** Leaf values outside the record seen so far, by path from the root (`Bericht/Header/Afzender`). */
  context: Record<string, string>;
}

/** Value of the first key ending in one of the given paths (`/`-separated suffixes). */
export function pick(values: Record<string, string>, ...suffixes: string[]): string | undefined {
  for (const suffix of suffixes) {
    for (const [key, value] of Object.entries(values)) if (key === suffix || key.endsWith(`/${suffix}`)) return value;
  }
  return undefined;
}

/**
 * Streams the file and calls `onRecord` for each element named `recordElement`. Throws an Error
 * with the line on malformed or truncated XML.
 */
export async function readMessage(path: string, recordElement: string, onRecord: (r: MessageRecord) => void): Promise<void> {
  const parser = new SaxesParser({xmlns: true, position: true});
  const stack: string[] = [];
  const context: Record<string, string> = {};
  let record: MessageRecord | null = null;
  let recordDepth = -1;
  let text = "";
  let failure: Error | null = null;
  parser.on("error", (e) => {
    failure ??= new Error(`malformed XML at line ${parser.line}: ${e.message.replace(/^.*?:\d+:\d+: /, "")}`);
  });
  parser.on("opentag", (tag) => {
    stack.push(tag.local ?? tag.name);
    text = "";
    const path = stack.join("/");
    // A new Client (or any repeated context element) starts without the previous one's values.
    for (const key of Object.keys(context)) if (key.startsWith(`${path}/`)) delete context[key];
    if (record === null && tag.local === recordElement) {
      record = {line: parser.line, fields: {}, context: {...context}};
      recordDepth = stack.length;
    }
  });
  parser.on("text", (t) => {
    text += t;
  });
  parser.on("closetag", () => {
    const value = text.trim();
    if (value !== "") {
      if (record) record.fields[stack.slice(recordDepth).join("/")] = value;
      else context[stack.join("/")] = value;
    }
    text = "";
    if (record && stack.length === recordDepth) {
      // Context that follows the record in document order (rare) is not seen: iStandaarden put it first.
      onRecord(record);
      record = null;
    }
    stack.pop();
  });
  for await (const chunk of createReadStream(path, {encoding: "utf8", highWaterMark: 1 << 20})) {
    parser.write(chunk as string);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (stack.length > 0) throw new Error(`truncated XML: <${stack[stack.length - 1]}> is not closed`);
}
