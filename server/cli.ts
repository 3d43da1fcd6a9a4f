// The `onramp` command: a thin layer over the same store and services the server uses.
//   onramp serve
//   onramp token create [--workspace W] [--name N]
//   onramp workspaces list | create NAME | delete NAME
//   onramp connectors list [--workspace W]
//   onramp connectors execute ID ENTITY [--limit N] [--cursor C]   (JSON: { data, next_cursor })
//   onramp sessions export ...        (evals/export-session.ts)
//   onramp import FILE|URL [--out manifest.yaml]   (imports/import-command.ts)
// Add `--json` for machine-readable output.
import { pathToFileURL } from "node:url";
import { loadConfig, type Config } from "./config.ts";
import { createSecretStoreFor, createStore } from "./bootstrap.ts";
import { DEFAULT_ORGANIZATION_ID, createApplicationToken } from "./auth/index.ts";
import { ensureDefaults, DEFAULT_WORKSPACE_NAME } from "./defaults.ts";
import { createWorkspace, deleteWorkspace } from "./routes/workspaces.ts";
import { Catalog, createDispatcher } from "../specs/index.ts";
import { createLogger } from "./log.ts";
import { savedDefinition } from "./connectors/connector-config.ts";
import { executeList } from "./connectors/execute-connector.ts";
import type { Store, Workspace } from "./store/types.ts";
import { runImportCommand } from "./imports/import-command.ts";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

export const USAGE = `Usage: onramp <command>
  serve                                   start the server (PORT, ONRAMP_DATA_DIR, ...)
  token create [--workspace W] [--name N] create an application token (org-wide unless --workspace)
  workspaces list                         list workspaces
  workspaces create NAME                  create a workspace
  workspaces delete NAME                  delete an empty workspace
  connectors list [--workspace W]         list a workspace's connectors (default: "default")
  connectors execute ID ENTITY [--limit N] [--cursor C]
                                          list ENTITY's records of connector ID as JSON
                                          ({ data, next_cursor }; --cursor continues)
  sessions export ...                     export a setup session transcript (evals)
  import FILE|URL [--out manifest.yaml]   generate a connector (Airbyte declarative manifest) from an
                                          OpenAPI 3.x / Swagger 2.0 / Postman 2.x description;
                                          without --out the manifest goes to stdout
Options: --json for JSON output`;

class CliError extends Error {}

interface Parsed {
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const next = argv[index + 1];
      if (inline !== undefined) flags[key] = inline;
      else if (next !== undefined && !next.startsWith("--") && key !== "json") {
        flags[key] = next;
        index++;
      } else flags[key] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}

function flag(parsed: Parsed, name: string): string | undefined {
  const value = parsed.flags[name];
  if (value === true) throw new CliError(`--${name} needs a value`);
  return value;
}

async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore(config);
  await store.init();
  try {
    // The first-start token is the server's to print; a CLI run never makes one nobody sees.
    await ensureDefaults(store, { apiToken: config.apiToken }, { generateToken: false });
    return await work(store);
  } finally {
    await store.close();
  }
}

async function workspaceNamed(store: Store, name: string): Promise<Workspace> {
  const workspace = (await store.findWorkspaceByName(DEFAULT_ORGANIZATION_ID, name)) ?? (await store.getWorkspace(name));
  if (!workspace) throw new CliError(`No workspace "${name}"`);
  return workspace;
}

function print(io: CliIo, json: boolean, value: unknown, lines: string[]): void {
  if (json) io.out(JSON.stringify(value, null, 2));
  else for (const line of lines) io.out(line);
}

type Command = (parsed: Parsed, config: Config, io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  async serve(_parsed, config) {
    const { startServer } = await import("./main.ts");
    await startServer(config);
    // Keep running until a signal; startServer installed the handlers.
    return new Promise<number>(() => undefined);
  },

  async "token create"(parsed, config, io) {
    const workspaceName = flag(parsed, "workspace");
    const name = flag(parsed, "name") ?? (workspaceName ? `workspace ${workspaceName}` : "cli");
    const { token, record } = await withStore(config, async (store) => {
      const workspace = workspaceName ? await workspaceNamed(store, workspaceName) : undefined;
      return createApplicationToken(store, { name, workspaceId: workspace?.id ?? null });
    });
    print(io, parsed.flags.json === true, { token, id: record.id, workspace_id: record.workspaceId }, [
      token,
      "",
      `Application token ${record.id} (${record.workspaceId ? `workspace ${workspaceName}` : "every workspace"}). Shown only once.`,
      `Use it as: Authorization: Bearer <token>`,
    ]);
    return 0;
  },

  async "workspaces list"(parsed, config, io) {
    const workspaces = await withStore(config, (store) => store.listWorkspaces(DEFAULT_ORGANIZATION_ID));
    print(io, parsed.flags.json === true, workspaces, workspaces.map((workspace) => `${workspace.id}\t${workspace.name}\t${workspace.created_at}`));
    return 0;
  },

  async "workspaces create"(parsed, config, io) {
    const name = parsed.positional[2];
    if (!name) throw new CliError("workspaces create NAME");
    const workspace = await withStore(config, (store) => createWorkspace(store, DEFAULT_ORGANIZATION_ID, name));
    print(io, parsed.flags.json === true, workspace, [`Created workspace ${workspace.name} (${workspace.id})`]);
    return 0;
  },

  async "workspaces delete"(parsed, config, io) {
    const name = parsed.positional[2];
    if (!name) throw new CliError("workspaces delete NAME");
    await withStore(config, async (store) => deleteWorkspace(store, await workspaceNamed(store, name)));
    print(io, parsed.flags.json === true, { deleted: name }, [`Deleted workspace ${name}`]);
    return 0;
  },

  async "connectors list"(parsed, config, io) {
    const workspaceName = flag(parsed, "workspace") ?? DEFAULT_WORKSPACE_NAME;
    const catalog = await Catalog.load({ dirs: config.catalogDirs, builtins: true });
    const connectors = await withStore(config, async (store) => store.listConnectors({ workspaceId: (await workspaceNamed(store, workspaceName)).id }));
    const rows = connectors.map((connector) => ({
      id: connector.id,
      name: connector.name,
      connector_type: catalog.get(connector.definitionId)?.name ?? connector.definitionId,
      updated_at: connector.updated_at,
    }));
    print(io, parsed.flags.json === true, rows, rows.length ? rows.map((row) => `${row.id}\t${row.connector_type}\t${row.name}\t${row.updated_at}`) : [`No connectors in ${workspaceName}`]);
    return 0;
  },

  // The same execute as POST /connectors/:id/execute, run here over the server's store and
  // secret store (the operator's data dir or DATABASE_URL); the answer is JSON either way.
  async "connectors execute"(parsed, config, io) {
    const [id, entity] = parsed.positional.slice(2);
    if (!id || !entity) throw new CliError("connectors execute ID ENTITY [--limit N] [--cursor C]");
    const limitText = flag(parsed, "limit");
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new CliError("--limit must be a whole number of at least 1");
    const cursor = flag(parsed, "cursor");
    const catalog = await Catalog.load({ dirs: config.catalogDirs, builtins: true });
    // Log lines (a renewed credential) go to stderr, so stdout stays one JSON document.
    const log = createLogger({ level: config.logLevel === "debug" ? "debug" : "warn", sink: { write: (line) => io.err(line) } });
    const page = await withStore(config, async (store) => {
      const connector = await store.getConnector(id);
      if (!connector) throw new CliError(`No connector "${id}"`);
      const secrets = await createSecretStoreFor(config, store);
      try {
        return await executeList({ store, secrets, log }, createDispatcher(), savedDefinition(catalog, connector), connector, { entity, limit, cursor });
      } finally {
        await (secrets as { close?: () => Promise<void> }).close?.();
      }
    });
    io.out(JSON.stringify(page, null, 2));
    return 0;
  },

  async import(parsed, config, io) {
    const target = parsed.positional[1];
    if (!target) throw new CliError("import FILE|URL [--out manifest.yaml]");
    return runImportCommand(target, { out: flag(parsed, "out"), config, io });
  },

  // Dispatch point for the evals' exporter: evals/export-session.ts exports `main(argv, io)`.
  async "sessions export"(parsed, _config, io) {
    const exporter = await import(new URL("../evals/export-session.ts", import.meta.url).href).catch(() => undefined);
    if (!exporter?.main) throw new CliError("sessions export is not available in this build (evals/export-session.ts)");
    return exporter.main(parsed.positional.slice(2), io, { config: _config, flags: parsed.flags });
  },
};

export async function main(argv: string[], options: { env?: Record<string, string | undefined>; io?: CliIo } = {}): Promise<number> {
  const io = options.io ?? consoleIo;
  const parsed = parseArgs(argv);
  if (parsed.positional.length === 0 || parsed.flags.help) {
    io.out(USAGE);
    return parsed.positional.length === 0 && !parsed.flags.help ? 1 : 0;
  }
  const single = ["serve", "import"].includes(parsed.positional[0]!);
  const name = single ? parsed.positional[0]! : parsed.positional.slice(0, 2).join(" ");
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${parsed.positional.join(" ")}"\n\n${USAGE}`);
    return 1;
  }
  try {
    return await command(parsed, loadConfig(options.env), io);
  } catch (error) {
    io.err(`onramp: ${(error as Error).message}`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
