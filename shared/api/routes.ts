import type { AnyRoute } from './route.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { directiveRoutes } from './routes/directives.ts';
import { letterRoutes } from './routes/letters.ts';
import { linkRoutes } from './routes/links.ts';
import { policyRoutes } from './routes/policies.ts';
import { systemRoutes } from './routes/system.ts';
import { taskRoutes } from './routes/tasks.ts';
import { unitRoutes } from './routes/units.ts';

/** Every route of the HTTP API: the router and /openapi.json both read this table. */
export const apiRoutes: readonly AnyRoute[] = [
  ...unitRoutes,
  ...policyRoutes,
  ...directiveRoutes,
  ...taskRoutes,
  ...assignmentRoutes,
  ...letterRoutes,
  ...linkRoutes,
  ...systemRoutes,
];
