/**
 * First data first. A page marks the files its first view needs with a comment
 * `<!-- warmkoud:preload ../data/x.arrow -->`; after the build each becomes a
 * `<link rel="preload" as="fetch" crossorigin>` at the top of <head>, ahead of Framework's ~70
 * module preloads, so that the browser asks for the data before the modules (over HTTP/1.1 a
 * browser has six connections per host, and the data would otherwise queue behind the modules).
 * `crossorigin` makes the preload match FileAttachment's fetch(), so the file is downloaded once.
 */
const MARKER = /<!-- warmkoud:preload (\S+) -->/g;

export function preloadMarkedFiles(html: string, page = "page"): string {
  const names = [...new Set([...html.matchAll(MARKER)].map((m) => m[1]))];
  if (names.length === 0) return html;
  const links = names.map((name) => {
    const registered = new RegExp(`registerFile\\(${escape(JSON.stringify(name))}, \\{[^}]*"path":("[^"]+")`).exec(html);
    if (!registered) throw new Error(`${page}: marked for preloading, but the page does not use ${name}`);
    const href = JSON.parse(registered[1]) as string;
    return `<link rel="preload" as="fetch" crossorigin href="${href.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}">`;
  });
  const title = html.indexOf("</title>");
  if (title < 0) throw new Error(`${page}: no <title> to put the preloads after`);
  const at = title + "</title>".length;
  return `${html.slice(0, at)}\n${links.join("\n")}${html.slice(at)}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
