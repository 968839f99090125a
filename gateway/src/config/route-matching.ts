import type { UpstreamService } from './upstream-routes.js';

/**
 * Returns whether a path (an OpenAPI path such as `/api/v1/branches/{id}`) falls under one of the route
 * groups, by the same rules as their Express paths: exact, or below a `/*` prefix.
 */
export function isRoutedPath(path: string, services: UpstreamService[]): boolean {
  return services.some((service) =>
    service.routeGroups.some((group) =>
      group.paths.some((pattern) =>
        pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern,
      ),
    ),
  );
}
