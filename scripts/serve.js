#!/usr/bin/env node
// A minimal static file server for dist/ on 127.0.0.1 (any static server works; this one has no
// dependencies, serves .wasm with the right type, and is what the browser tests use).
import {createReadStream, statSync} from "node:fs";
import {createServer} from "node:http";
import {extname, join, normalize, resolve} from "node:path";

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".wasm": "application/wasm", ".parquet": "application/octet-stream", ".arrow": "application/vnd.apache.arrow.stream",
  ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain; charset=utf-8"
};

/** Starts serving `root`; resolves with the server and its base URL once listening. */
export function serve(root, {port = 0, host = "127.0.0.1"} = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) return void res.writeHead(403).end();
    const candidates = [path, `${path}.html`, join(path, "index.html")];
    const file = candidates.find((p) => statSync(p, {throwIfNoEntry: false})?.isFile());
    if (!file) return void res.writeHead(404, {"content-type": "text/plain"}).end("niet gevonden");
    res.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(port, host, () => ok({server, url: `http://${host}:${server.address().port}`})));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await serve(root, {port});
  console.log(`warmkoud: ${root}/ op ${url}/ (Ctrl-C om te stoppen)`);
}
