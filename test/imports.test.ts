import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

// Observable Framework only serves local modules imported with a `.js` specifier (it maps them to
// the `.ts` source); an import of `./x.ts` inside lib/ 404s in the browser. TypeScript, tsx and
// vitest resolve `.js` to `.ts`, so every relative import in the project uses `.js`.
const roots = ["lib", "src", "bin", "test", "bench"];
const tsImport = /(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)\.ts["']/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join("src", "lib") || name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|md|js)$/.test(name) ? [path] : [];
  });
}

describe("relative imports", () => {
  it("use .js specifiers everywhere the browser may load them", () => {
    const offenders = roots.flatMap(sources).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(tsImport)].map((m) => `${file}: ${m[1]}.ts`)
    );
    expect(offenders).toEqual([]);
  });
  it("the check itself finds a .ts import", () => {
    const example = ["import {x} from ", '"./y', '.ts";'].join("");
    expect([...example.matchAll(tsImport)].length).toBe(1);
  });
});
