#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the CLI cannot download offline.
// PRISMA_SCHEMA_ENGINE_BINARY points here (see prisma.config.ts). It speaks the binary's command
// line and stdin/stdout JSON-RPC protocol and delegates the work to the WebAssembly build
// `@prisma/schema-engine-wasm` over @prisma/adapter-pg. PostgreSQL only.
// See shared/docs/stack.md, "Offline Prisma migrations".
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

// Arguments: --version | --datamodels <path>… --datasource <json> [cli <command>]
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--version') {
    const { version } = JSON.parse(readFileSync(new URL('package.json', `file://${gluePath}`), 'utf8'));
    console.log(`schema-engine-cli ${version.split('.').pop()} (offline wasm stand-in)`);
    process.exit(0);
  } else if (arg === '--datamodels') datamodelPaths.push(argv[++i]);
  else if (arg === '--datasource') datasource = JSON.parse(argv[++i]);
  else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++;
  else if (arg === 'cli') cliCommand = argv[++i];
}

// The engine's introspection queries return the catalogue types "char" (OID 18), name (19) and
// name[] (1003), which adapter-pg rejects ("Column type 'char' could not be deserialized").
// Relabel them as text / text[] before pg picks parsers. This process only runs the engine, so
// patching pg globally is harmless.
const RELABEL = new Map([
  [18, 25],
  [19, 25],
  [1003, 1009],
]);
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function (fields) {
  for (const f of fields) f.dataTypeID = RELABEL.get(f.dataTypeID) ?? f.dataTypeID;
  return addFields.call(this, fields);
};

const mainUrl = datasource.url;
const withDb = (url, db) => Object.assign(new URL(url), { pathname: `/${encodeURIComponent(db)}` }).href;
const quote = (ident) => `"${ident.replaceAll('"', '""')}"`;

// Runs `sql` on a maintenance database of the same server (the target may not exist).
async function adminQuery(sql) {
  for (const db of ['postgres', 'template1']) {
    const client = new pg.Client({ connectionString: withDb(mainUrl, db), connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      return await client.query(sql);
    } catch (e) {
      if (e.code !== '3D000' || db === 'template1') throw e; // retry only if `postgres` is missing
    } finally {
      await client.end().catch(() => {});
    }
  }
}

// Shadow databases: adapter-pg's own connectToShadowDb drops the database while its pool is still
// open, which PostgreSQL refuses. Close the pool first, then DROP … WITH (FORCE). Leftovers are
// dropped on exit (the CLI SIGTERMs us as soon as it has its last answer).
const shadowDbs = new Set();
async function dropShadow(name) {
  if (shadowDbs.delete(name))
    await adminQuery(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`).catch(() => {});
}
class OfflinePg extends PrismaPg {
  async connectToShadowDb() {
    if (datasource.shadowDatabaseUrl)
      return new PrismaPg({ connectionString: datasource.shadowDatabaseUrl }).connect();
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await adminQuery(`CREATE DATABASE ${quote(name)}`);
    shadowDbs.add(name);
    const adapter = await new PrismaPg({ connectionString: withDb(mainUrl, name) }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => dispose().finally(() => dropShadow(name));
    return adapter;
  }
}
async function exit(code) {
  await Promise.all([...shadowDbs].map(dropShadow));
  process.exit(code);
}
process.on('SIGTERM', () => exit(0));

const log = (level, fields) =>
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' })}\n`,
  );

// `cli <command>` mode. The CLI skips our first stderr line and parses the rest as JSON logs; an
// ERROR with fields.error_code becomes the user-facing error (P1003 leads to create-database).
async function runCli(command) {
  process.stderr.write('offline schema-engine (wasm stand-in)\n');
  const url = new URL(mainUrl);
  const name = decodeURIComponent(url.pathname.slice(1)) || url.username;
  try {
    if (command === 'can-connect-to-database') {
      const client = new pg.Client({ connectionString: mainUrl, connectionTimeoutMillis: 10_000 });
      await client.connect().finally(() => client.end().catch(() => {}));
    } else if (command === 'create-database') await adminQuery(`CREATE DATABASE ${quote(name)}`);
    else if (command === 'drop-database') await adminQuery(`DROP DATABASE ${quote(name)} WITH (FORCE)`);
    else throw new Error(`Unsupported cli command: ${command}`);
    process.exit(0);
  } catch (e) {
    const unreachable = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN)$/;
    const [error_code, message] =
      e.code === '3D000'
        ? ['P1003', `Database \`${name}\` does not exist on the database server at \`${url.host}\``]
        : unreachable.test(e.code) || /timeout|terminated unexpectedly/i.test(e.message)
          ? ['P1001', `Can't reach database server at \`${url.host}\` (${e.message || e.code})`]
          : ['P1000', e.message || String(e)];
    log('ERROR', { error_code, message });
    process.exit(1);
  }
}

// JSON-RPC mode. Rust panics are reported through this global before a RuntimeError is thrown.
const panic = { message: '' };
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => (panic.message = `RuntimeError: ${m}`) };

async function newEngine() {
  // Instantiate by hand: the package entry imports the .wasm as an ES module, which Node cannot.
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(gluePath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  // Without --datamodels (e.g. `migrate diff`) pass undefined: an empty list makes the engine
  // panic ("validate_multi_file() must be called with at least one file").
  const datamodels = datamodelPaths.length
    ? datamodelPaths.map((p) => [p, readFileSync(p, 'utf8')])
    : undefined;
  const onLog = (line) => process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  const adapter = bindMigrationAwareSqlAdapterFactory(new OfflinePg({ connectionString: mainUrl }));
  return glue.SchemaEngine.new({ datamodels }, onLog, adapter);
}

function rpcError(id, e, isPanic = false) {
  const message = e?.message ?? String(e);
  // The CLI shows the top-level message for panics, data.message otherwise.
  const top = isPanic ? message : 'An error happened. Check the data field for details.';
  const data = { is_panic: isPanic, message, error_code: e?.error_code, meta: e?.meta };
  out({ jsonrpc: '2.0', id, error: { code: 4466, message: top, data } });
}

async function runRpc() {
  const engineP = newEngine(); // one engine per process: it caches migration schemas between requests
  engineP.catch(() => {}); // reported per request
  const pending = new Set(); // ids of requests in flight
  let printId = 1_000_000_000; // ids of our own `print` requests, away from the CLI's
  // After a panic the wasm instance is unusable: fail what is in flight and exit like the binary.
  const fatal = async (e) => {
    const message = panic.message || String(e?.stack ?? e);
    log('ERROR', { message, is_panic: true });
    for (const id of pending) rpcError(id, { message }, true);
    await exit(101);
  };
  process.on('uncaughtException', fatal);

  const call = async (engine, method, params) => {
    try {
      return await engine[method](params);
    } catch (e) {
      // Engine bug: evaluateDataLoss/createMigration get no shadow-database factory and rely on a
      // schema cached by an earlier devDiagnostic, which is missing right after `migrate dev` has
      // applied migrations to a fresh database. Prime the cache with devDiagnostic and retry once.
      if (
        !params.migrationsList ||
        !/shadow DB must be provided through an external factory/.test(e?.message)
      )
        throw e;
      await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
      return engine[method](params);
    }
  };
  const handle = async ({ id, method, params = {} }) => {
    try {
      const engine = await engineP;
      const name = method === 'getDatabaseVersion' ? 'version' : method;
      if (typeof engine[name] !== 'function')
        throw new Error(`Method not supported by the wasm engine: ${method}`);
      let result = await call(engine, name, params);
      if (method === 'diff' && typeof result?.stdout === 'string') {
        // The binary prints the diff through the CLI's `print` method, not its own stdout.
        const { stdout, ...rest } = result;
        out({ jsonrpc: '2.0', id: printId++, method: 'print', params: { content: stdout } });
        result = rest;
      }
      out({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) await fatal(e); // panic thrown synchronously
      rpcError(id, e);
    }
  };

  const requests = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line);
    if ('result' in msg || 'error' in msg) continue; // the CLI acknowledging a `print`
    pending.add(msg.id);
    requests.push(handle(msg).finally(() => pending.delete(msg.id)));
  }
  await Promise.all(requests);
  await exit(0);
}

await (cliCommand ? runCli(cliCommand) : runRpc());
