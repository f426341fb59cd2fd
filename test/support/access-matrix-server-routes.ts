import type { FastifyInstance, HTTPMethods } from 'fastify';

/** A route as the server registered it: `GET /console/reports/:id`. */
export interface ServerRoute {
  method: HTTPMethods;
  url: string;
}

/**
 * Every route of a ready server, read from its radix tree (`printRoutes`): each line of the tree
 * is a segment under its parent, and a line naming methods ends a route. Each route read is
 * confirmed with `hasRoute`, so a change in the tree's format fails here instead of silently
 * listing fewer routes.
 * @example const routes = listServerRoutes(app.server).filter((r) => r.url.startsWith('/console'))
 */
export function listServerRoutes(server: FastifyInstance): ServerRoute[] {
  const routes: ServerRoute[] = [];
  const prefixes: string[] = [];
  for (const line of server.printRoutes().split('\n')) {
    if (line.trim() === '') continue;
    const branch = /^((?:│ {3}| {4})*)[├└]── (.*)$/.exec(line);
    if (!branch) throw new Error(`unexpected line in printRoutes: ${JSON.stringify(line)}`);
    const depth = (branch[1] ?? '').length / 4;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/.exec(branch[2] ?? '') ?? [];
    prefixes.length = depth;
    const url = prefixes.join('') + segment;
    prefixes.push(segment);
    for (const method of methods?.split(', ') ?? []) routes.push({ method: method as HTTPMethods, url });
  }
  for (const route of routes)
    if (!server.hasRoute(route))
      throw new Error(`printRoutes listed ${route.method} ${route.url}, which hasRoute denies`);
  if (routes.length === 0) throw new Error('printRoutes listed no route');
  return routes;
}
