// The warmkoud version, read once from package.json (recorded in manifests and page footers).
import {readFileSync} from "node:fs";

export const version: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
