import { UNMATCHED_ROUTE } from './http-metrics.js';

/** The part of an Express `Route` that names the path it was declared with. */
export interface RouteLike {
  path: unknown;
}

/**
 * Paths that match everything: the route a Nest middleware is mounted on for `forRoutes('{*path}')`
 * and the one Nest sends its 404 from under a global prefix. Neither names a controller route.
 */
const CATCH_ALL_PATH = /^\/?(\*\w*|\{\/?\*\w*\})$/;

/**
 * Returns the template of the route that served a request ("/api/v1/things/:id"), read from
 * Express's `req.route` when the response is finished. `routeAtEntry` is `req.route` as the
 * metrics middleware saw it: when the request is still on that route at the end, no controller
 * route took it over, so the request was unmatched.
 */
export function resolveRouteTemplate(
  route: RouteLike | undefined,
  routeAtEntry?: RouteLike,
): string {
  if (!route || route === routeAtEntry) {
    return UNMATCHED_ROUTE;
  }

  const path = String(route.path);
  return CATCH_ALL_PATH.test(path) ? UNMATCHED_ROUTE : path;
}
