/**
 * The house style (lib/publish/brand.ts) as page fragments for the Framework config: CSS variables
 * in the head, and a header band with the logo and the municipality's name. The logo is inlined as
 * a data: URL, so the header works on every page whatever its folder, and nothing is fetched from
 * elsewhere (brand.ts already refused logos with scripts or references to other hosts).
 */
import {readFileSync} from "node:fs";
import {dirname, extname, isAbsolute, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Brand} from "./brand.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** CSS variables the report's stylesheet (src/style.css, "Report") uses. */
export function brandStyle(brand: Brand): string {
  const c = brand.colours;
  const vars = {
    "--wk-primary": c.primary, "--wk-on-primary": c.onPrimary, "--wk-text": c.text,
    "--wk-background": c.background, "--wk-muted": c.muted, "--wk-accent": c.accent
  };
  return `<style>:root{${Object.entries(vars).map(([k, v]) => `${k}:${v}`).join(";")}}</style>`;
}

export function logoDataUrl(brand: Brand, root = projectRoot): string {
  const path = isAbsolute(brand.logo.path) ? brand.logo.path : join(root, brand.logo.path);
  const type = extname(path).toLowerCase() === ".svg" ? "image/svg+xml" : "image/png";
  return `data:${type};base64,${readFileSync(path).toString("base64")}`;
}

/** The header band: logo and name, linking to the report's home page. */
export function brandHeader(brand: Brand, home: string, root = projectRoot): string {
  return (
    `<div class="wk-brand"><a href="${escapeHtml(home)}">` +
    `<img src="${logoDataUrl(brand, root)}" alt="${escapeHtml(brand.logo.alt)}" width="40" height="40">` +
    `<span class="wk-brand-name">${escapeHtml(brand.name)}</span></a></div>`
  );
}
