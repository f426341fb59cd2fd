import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma 7 no longer reads .env itself.
const dotEnv = fileURLToPath(new URL('./.env', import.meta.url));
if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);

// The native schema-engine cannot be downloaded offline (or in air-gapped deployments): use the
// WebAssembly stand-in. `generate` only needs the variable to name an existing file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('./prisma/offline-schema-engine.mjs', import.meta.url),
);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // env('DATABASE_URL') would throw when unset; `generate` does not need a real database.
    url: process.env.DATABASE_URL ?? 'postgresql://placeholder@127.0.0.1:5432/placeholder',
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
