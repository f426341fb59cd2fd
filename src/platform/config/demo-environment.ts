/** Where the demo looks when nothing is set: the local PostgreSQL and Redis of a developer's machine. */
export const demoDefaults = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tinbao_demo',
  REDIS_URL: 'redis://127.0.0.1:6379',
} as const;

/**
 * The environment `npm run demo` runs with: the caller's (and `.env`'s) settings, the local
 * defaults for what is unset, DEMO_MODE on, and quieter logs so the web chat address stands out.
 */
export function demoEnvironment(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...source,
    DATABASE_URL: source.DATABASE_URL || demoDefaults.DATABASE_URL,
    REDIS_URL: source.REDIS_URL || demoDefaults.REDIS_URL,
    DEMO_MODE: 'true',
    LOG_LEVEL: source.LOG_LEVEL || 'warn',
  };
}
