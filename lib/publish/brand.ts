/**
 * The municipality's house style for the public report (issue 6, "Branding"): name, logo, colours
 * and contact line from `config/huisstijl.json` (described in config/huisstijl.md). Validation is
 * strict and names every problem at once: unknown keys (typos), colours that fail WCAG 2.1 AA
 * contrast, and a logo that is missing, not SVG/PNG, or would load anything from another host.
 */
import {existsSync, readFileSync} from "node:fs";
import {dirname, extname, isAbsolute, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {AA_GRAPHICS, AA_TEXT, contrastRatio, parseHex} from "./contrast.js";

export interface Brand {
  name: string;
  logo: {path: string; alt: string};
  colours: {primary: string; onPrimary: string; text: string; background: string; muted: string; accent: string};
  contact: string;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_BRAND_FILE = join(projectRoot, "config", "huisstijl.json");

const COLOUR_KEYS = ["primary", "onPrimary", "text", "background", "muted", "accent"] as const;

/** Pairs that must contrast: [foreground, background, minimum, what it is used for]. */
const CONTRAST_RULES: [keyof Brand["colours"], keyof Brand["colours"], number, string][] = [
  ["text", "background", AA_TEXT, "body text"],
  ["muted", "background", AA_TEXT, "secondary text (notes, sources)"],
  ["primary", "background", AA_TEXT, "headings and links"],
  ["onPrimary", "primary", AA_TEXT, "text on the header band"],
  ["accent", "background", AA_GRAPHICS, "lines and highlights (graphics, WCAG 1.4.11)"]
];

/** Loads and validates the brand file; `root` resolves the logo path (default: the project). */
export function loadBrand(file = DEFAULT_BRAND_FILE, root = projectRoot): Brand {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the house style: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems = validateBrand(raw, root);
  if (problems.length > 0) throw new Error(`${file}: the house style is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return raw as Brand;
}

/** Every problem with a parsed brand file (empty when it is valid). */
export function validateBrand(raw: unknown, root = projectRoot): string[] {
  if (!isObject(raw)) return ["the file must hold a JSON object"];
  const problems: string[] = [];
  unknownKeys(raw, ["name", "logo", "colours", "contact"], "", problems);
  for (const key of ["name", "contact"] as const) {
    if (typeof raw[key] !== "string" || (raw[key] as string).trim() === "") problems.push(`"${key}" must be a non-empty text`);
  }
  problems.push(...validateLogo(raw.logo, root));
  problems.push(...validateColours(raw.colours));
  return problems;
}

function validateLogo(logo: unknown, root: string): string[] {
  if (!isObject(logo)) return [`"logo" must be an object with "path" and "alt"`];
  const problems: string[] = [];
  unknownKeys(logo, ["path", "alt"], "logo.", problems);
  if (typeof logo.alt !== "string" || logo.alt.trim() === "") problems.push(`"logo.alt" must describe the logo for screen readers`);
  if (typeof logo.path !== "string" || logo.path.trim() === "") return [...problems, `"logo.path" must name a file`];
  if (/^[a-z]+:/i.test(logo.path)) return [...problems, `"logo.path" must be a file in the project, not a URL (the site loads nothing from other hosts)`];
  const path = isAbsolute(logo.path) ? logo.path : join(root, logo.path);
  const ext = extname(path).toLowerCase();
  if (ext !== ".svg" && ext !== ".png") problems.push(`"logo.path" must be an .svg or .png file, got "${logo.path}"`);
  if (!existsSync(path)) return [...problems, `"logo.path": ${logo.path} does not exist`];
  if (ext === ".svg") {
    const svg = readFileSync(path, "utf8");
    if (/<script\b/i.test(svg)) problems.push(`the logo ${logo.path} contains a script`);
    if (/(?:href\s*=\s*["']\s*|url\(\s*["']?\s*)(?:[a-z]+:)?\/\//i.test(svg)) problems.push(`the logo ${logo.path} refers to another host (href or url())`);
  }
  return problems;
}

function validateColours(colours: unknown): string[] {
  if (!isObject(colours)) return [`"colours" must be an object with ${COLOUR_KEYS.join(", ")}`];
  const problems: string[] = [];
  unknownKeys(colours, COLOUR_KEYS, "colours.", problems);
  const valid = new Set<string>();
  for (const key of COLOUR_KEYS) {
    const value = colours[key];
    try {
      if (typeof value !== "string") throw new Error("missing");
      parseHex(value);
      valid.add(key);
    } catch {
      problems.push(`"colours.${key}" must be a colour like #1F4E79, got ${JSON.stringify(value)}`);
    }
  }
  for (const [fg, bg, minimum, use] of CONTRAST_RULES) {
    if (!valid.has(fg) || !valid.has(bg)) continue;
    const ratio = contrastRatio(colours[fg] as string, colours[bg] as string);
    if (ratio < minimum) {
      problems.push(
        `colours.${fg} ${colours[fg]} on colours.${bg} ${colours[bg]} has contrast ${ratio.toFixed(2)}:1; ${use} needs at least ${minimum}:1 (WCAG 2.1 AA)`
      );
    }
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKeys(object: Record<string, unknown>, allowed: readonly string[], prefix: string, problems: string[]): void {
  for (const key of Object.keys(object)) if (!allowed.includes(key)) problems.push(`unknown key "${prefix}${key}" (allowed: ${allowed.join(", ")})`);
}
