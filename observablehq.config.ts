// Observable Framework configuration of the warmkoud workspace. Everything is served from this
// site's own origin: no web fonts, no CDN (libraries are node imports from node_modules), no telemetry.
export default {
  title: "warmkoud",
  root: "src",
  lang: "nl",
  pages: [
    {
      name: "Verhalen",
      open: true,
      pages: [
        {name: "Triaden", path: "/verhalen/triaden"},
        {name: "Dyaden en vragen", path: "/verhalen/dyaden"},
        {name: "Patronen", path: "/verhalen/patronen"},
        {name: "Eigen export", path: "/verhalen/eigen-export"}
      ]
    },
    {
      name: "Geld",
      open: true,
      pages: [
        {name: "Tweedelijnsbehoefte", path: "/geld/behoefte"},
        {name: "Vermeden kosten", path: "/geld/besparing"},
        {name: "Duurste 10%", path: "/geld/duurste-10"},
        {name: "Warm en koud", path: "/geld/warm-koud"},
        {name: "Eigen trajecten", path: "/geld/eigen-trajecten"},
        {name: "Capaciteit", path: "/geld/capaciteit"},
        {name: "Vergelijking", path: "/geld/vergelijking"}
      ]
    },
    {
      name: "Rapport",
      open: true,
      pages: [
        {name: "Rapportage", path: "/openbaar/rapportage"},
        {name: "Verantwoording", path: "/openbaar/verantwoording"}
      ]
    }
  ],
  // Each developer or benchmark may build into its own folder.
  output: process.env.WARMKOUD_OUT ?? "dist",
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
