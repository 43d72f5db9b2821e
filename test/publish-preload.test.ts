// Data preloads put ahead of Framework's module preloads (lib/publish/preload.ts), on a page
// shaped like a Framework 1.13 build (head, module preloads, registerFile calls, the marker).
import {describe, expect, it} from "vitest";
import {preloadMarkedFiles} from "../lib/publish/preload.js";

const page = (marker: string) => `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Triaden | warmkoud</title>
<link rel="modulepreload" href="../_observablehq/client.js">
<script type="module">
registerFile("../data/verhalen/triade-punten.arrow", {"name":"../data/verhalen/triade-punten.arrow","path":"../_file/data/verhalen/triade-punten.cf5012b3.arrow","lastModified":0,"size":271088});
registerFile("../data/model/stories.parquet", {"name":"../data/model/stories.parquet","path":"../_file/data/model/stories.0abe1d42.parquet","lastModified":0,"size":10});
</script>
</head>
<body>${marker}<p>tekst</p></body>
</html>`;

describe("data preloads", () => {
  it("puts a fetch preload of each marked file, by its built path, before the module preloads", () => {
    const out = preloadMarkedFiles(page("<!-- warmkoud:preload ../data/verhalen/triade-punten.arrow -->"));
    const link = '<link rel="preload" as="fetch" crossorigin href="../_file/data/verhalen/triade-punten.cf5012b3.arrow">';
    expect(out).toContain(`<title>Triaden | warmkoud</title>\n${link}\n<link rel="modulepreload"`);
    expect(out.split(link)).toHaveLength(2); // once
    expect(out).not.toContain("stories.0abe1d42.parquet\">"); // unmarked files are not preloaded
  });

  it("leaves a page without markers as it is", () => {
    const html = page("");
    expect(preloadMarkedFiles(html)).toBe(html);
  });

  it("stops the build when a marker names a file the page does not use", () => {
    expect(() => preloadMarkedFiles(page("<!-- warmkoud:preload ../data/elders.arrow -->"), "verhalen/triaden.html"))
      .toThrow("verhalen/triaden.html: marked for preloading, but the page does not use ../data/elders.arrow");
  });
});
