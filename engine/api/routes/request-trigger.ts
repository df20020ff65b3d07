/**
 * The express registrations of the request-trigger endpoints:
 * `/workflows/{name}/triggers/{trigger}/paths/invoke[/...]` and `/hooks/{name}[/...]`. They only
 * hand the call to `trigger-endpoint.ts`, the one implementation: `sluice serve` gives it the
 * calls before express sees them, and these registrations make an app used on its own (tests,
 * embedding) answer the same and list the paths beside the rest of the API.
 *
 * They must come before the raw-body parser: the endpoint reads the body itself.
 */
import type { Request, RequestHandler, Router } from 'express';
import type { TriggerEndpoint } from '../trigger-endpoint.js';

/** The trigger's one method is checked by the endpoint (405), so every method is routed to it. */
export function registerRequestTriggerRoutes(router: Router, endpoint: TriggerEndpoint): void {
  const handler: RequestHandler = (req: Request, res) => endpoint.serve(req, res, { pathname: req.path, query: req.query });
  const paths = [
    '/workflows/:name/triggers/:trigger/paths/invoke',
    '/workflows/:name/triggers/:trigger/paths/invoke/*relativePath',
    '/hooks/:hook',
    '/hooks/:hook/*relativePath',
  ];
  for (const path of paths) router.route(path).get(handler).post(handler).put(handler).patch(handler).delete(handler);
}
