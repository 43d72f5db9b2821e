/**
 * Content-Security-Policy of the built site (issue 6, "Safe by default in the browser"), delivered
 * as a <meta> tag because a static site cannot count on its host to send headers.
 *
 * - Scripts: only files from the site's own origin, plus the page's own inline module scripts by
 *   SHA-256 hash. Framework writes one inline module script per page (the cell definitions); its
 *   text is only known after the build, so the config puts a placeholder in the policy and
 *   `applyCspToSite` replaces it with the hashes of that page's inline scripts. No 'unsafe-inline'
 *   and no 'unsafe-eval' for scripts.
 * - 'wasm-unsafe-eval' lets DuckDB-WASM and parquet-wasm compile WebAssembly; worker-src 'self'
 *   blob: lets DuckDB-WASM start its worker. The public report uses no engine, so its policy leaves
 *   both out.
 * - Styles need 'unsafe-inline': Observable Plot writes a <style> element into every chart and
 *   style attributes on marks, and Framework sets inline styles on the sidebar and grid. CSS cannot
 *   run script, so this is the accepted trade-off.
 * - img-src data: blob: for the logo (inlined) and the PNG export (an SVG drawn on a canvas).
 * - frame-ancestors cannot be set by a meta tag (browsers ignore it there); set it on the server.
 */
import {createHash} from "node:crypto";
import {readdir, readFile, writeFile} from "node:fs/promises";
import {join, relative} from "node:path";
import type {Audience} from "./audience.js";
import {preloadMarkedFiles} from "./preload.js";

export const SCRIPT_HASHES = "'warmkoud-script-hashes'";

export function cspPolicy(audience: Audience, scriptHashes: string = SCRIPT_HASHES): string {
  const engine = audience === "analyst";
  return [
    "default-src 'self'",
    `script-src 'self' ${engine ? "'wasm-unsafe-eval' " : ""}${scriptHashes}`.trim(),
    engine ? "worker-src 'self' blob:" : "worker-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'"
  ].join("; ");
}

/** The meta tag for the config's `head` (with the hash placeholder). */
export function cspMeta(audience: Audience): string {
  return `<meta http-equiv="Content-Security-Policy" content="${cspPolicy(audience)}">`;
}

/** 'sha256-…' sources of every inline <script> (one without src) in an HTML document. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...new Set(hashes)];
}

/** The page with its placeholder replaced by the hashes of its inline scripts. */
export function applyCsp(html: string): string {
  if (!html.includes(SCRIPT_HASHES)) return html;
  const hashes = inlineScriptHashes(html);
  return html.replaceAll(hashes.length > 0 ? SCRIPT_HASHES : ` ${SCRIPT_HASHES}`, hashes.join(" "));
}

/**
 * Repairs of Framework 1.13's page shell. Accessibility (WCAG 2.1 AA, found by axe-core): the page
 * language (Framework has no option for <html lang>), pinch zoom (its viewport sets
 * maximum-scale=1), and the sidebar's close button, a <label> placed directly in an <ol>.
 * Reproducibility: Framework writes each file attachment's `lastModified` (the mtime of a loader's
 * cached output) into the page; it is set to 0 so that the build date stays the only difference
 * between two builds of the same inputs.
 */
export function repairShell(html: string, lang = "nl"): string {
  return html
    .replace(/<html>/, `<html lang="${lang}">`)
    .replace(/(<meta name="viewport" content="[^"]*?), maximum-scale=1"/, '$1"')
    .replace(/<ol>(\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)/, "$2\n  <ol>$1")
    .replace(/"lastModified":\d+/g, '"lastModified":0');
}

/** Finishes every HTML page below `dir` (shell repairs, data preloads, then the policy's script hashes); returns the number changed. */
export async function applyCspToSite(dir: string): Promise<number> {
  let changed = 0;
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const path = join(entry.parentPath, entry.name);
    const html = await readFile(path, "utf8");
    const out = applyCsp(preloadMarkedFiles(repairShell(html), relative(dir, path)));
    if (out !== html) {
      await writeFile(path, out);
      changed++;
    }
  }
  return changed;
}
