/**
 * Keyed pseudonyms (privacy.md, "Identifiers"): HMAC-SHA-256 of the identifier under a secret
 * project key. A plain or salted hash would not do: every valid BSN can be enumerated in minutes.
 *
 * The key comes from `WARMKOUD_KEY` (hex, at least 32 bytes) or a key file holding the same hex
 * text; it is never stored in the data folder. Demo deliveries use DEMO_KEY, which is public and
 * therefore protects nothing: it only exists so the synthetic demo imports without set-up.
 *
 * A pseudonym is the first 32 hex digits (128 bits) of the HMAC: collision-free in practice for
 * any municipality, and half the size in the browser of the full digest.
 *
 * Identifiers other than a person's (a household number) are pseudonymised in their own domain:
 * under a key derived from the project key, so a household pseudonym never equals a client
 * pseudonym, not even of the same text.
 */
import {createHmac} from "node:crypto";
import {readFileSync} from "node:fs";

export const MIN_KEY_BYTES = 32;
export const PSEUDONYM_HEX_DIGITS = 32;

/** The documented, public demo key: the ASCII bytes of "warmkoud demo: dit is geen geheim". */
export const DEMO_KEY: Buffer = Buffer.from("warmkoud demo: dit is geen geheim", "ascii");

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyError";
  }
}

/** Parses a hex key (whitespace ignored) and enforces the minimum length. */
export function parseHexKey(text: string, source: string): Buffer {
  const hex = text.replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new KeyError(`${source}: the key must be hexadecimal`);
  const key = Buffer.from(hex, "hex");
  if (key.length < MIN_KEY_BYTES) {
    throw new KeyError(`${source}: the key is ${key.length} bytes; at least ${MIN_KEY_BYTES} bytes (${MIN_KEY_BYTES * 2} hex digits) are required`);
  }
  return key;
}

export interface KeySource {
  keyFile?: string;
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Resolves the pseudonymisation key: `keyFile`, else `WARMKOUD_KEY`, else (demo only) DEMO_KEY.
 * Outside demo mode a missing key is an error, never a silent default.
 */
export function resolveKey({keyFile, demo = false, env = process.env}: KeySource): Buffer {
  if (keyFile) return parseHexKey(readFileSync(keyFile, "utf8"), keyFile);
  const fromEnv = env.WARMKOUD_KEY;
  if (fromEnv) return parseHexKey(fromEnv, "WARMKOUD_KEY");
  if (demo) return DEMO_KEY;
  throw new KeyError(
    `no pseudonymisation key: set WARMKOUD_KEY to at least ${MIN_KEY_BYTES} random bytes in hex ` +
      `(e.g. \`openssl rand -hex 32\`) or pass --key-file; keep the key outside the data folder`
  );
}

/** Full HMAC-SHA-256 of a message, hex (the primitive; tested against RFC 4231). */
export function hmacSha256Hex(key: Buffer, message: Buffer | string): string {
  return createHmac("sha256", key).update(message).digest("hex");
}

/** The pseudonym of one identifier (a normalised 9-digit BSN or a trimmed client number). */
export function pseudonym(key: Buffer, id: string): string {
  return hmacSha256Hex(key, Buffer.from(id, "utf8")).slice(0, PSEUDONYM_HEX_DIGITS);
}

/** Identifier kinds with their own pseudonym domain (clients use the project key itself). */
export type PseudonymDomain = "household";

/** The key of a pseudonym domain: HMAC-SHA-256 of a fixed label under the project key. */
export function domainKey(key: Buffer, domain: PseudonymDomain): Buffer {
  return createHmac("sha256", key).update(`warmkoud pseudonym domain: ${domain}`).digest();
}

/** Pseudonyms of distinct identifiers: each is hashed once however often it occurs. */
export function pseudonymise(key: Buffer, ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) if (!out.has(id)) out.set(id, pseudonym(key, id));
  return out;
}
