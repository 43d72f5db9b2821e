// Observable Framework configuration of the warmkoud workspace. Everything is served from this
// site's own origin: no web fonts, no CDN (libraries are node imports from node_modules), no telemetry.
export default {
  title: "warmkoud",
  root: "src",
  lang: "nl",
  pages: [
    {name: "Overzicht", path: "/"}
  ],
  // The default theme links a web font on a third-party host; our own stylesheet replaces it.
  globalStylesheets: [],
  style: "style.css",
  // Framework's built-in DuckDB would download extensions at build time; the pages use their own engine.
  duckdb: {extensions: {json: null, parquet: null}},
  search: false,
  // TypeScript loaders run with this Node and tsx from node_modules (no reliance on PATH).
  interpreters: {".ts": [process.execPath, "--import", "tsx"]},
  footer: "warmkoud — open source werkplaats voor de evaluatie van het sociaal domein."
};
