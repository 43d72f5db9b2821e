/**
 * The warmkoud command line: one subcommand per module in bin/commands/, loaded on demand so that
 * `warmkoud demo` does not pay for DuckDB start-up of `warmkoud import`.
 */

type Command = {summary: string; load: () => Promise<{run: (args: string[]) => Promise<number>}>};

const commands: Record<string, Command> = {
  demo: {summary: "write the exports of a synthetic demo municipality", load: () => import("./commands/demo.js")},
  scan: {summary: "privacy scan of a built site: fails on story text, pseudonyms, ids, BSNs", load: () => import("./commands/scan.js")},
  import: {summary: "import a delivery of exports into the canonical, pseudonymised Parquet model", load: () => import("./commands/import.js")},
  verify: {summary: "check a model folder against its manifest.json (SHA-256 of inputs, outputs and report; row counts)", load: () => import("./commands/verify.js")},
  stats: {summary: "compute the evaluation figures from an imported model (savings, costliest)", load: () => import("./commands/stats.js")}
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["usage: warmkoud <command> [options]", "", "commands:", ...lines, "", "warmkoud <command> --help for its options"].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    const {version} = await import("../lib/version.js");
    console.log(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`warmkoud: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    console.error(`warmkoud ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
