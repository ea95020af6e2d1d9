// Routes the app's editing screens need (docs/api.md): undo one feedback, and give a watch a new query.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './api-server.js';
import type { AtlasService } from './atlas-service.js';
import { editSchemas } from './edit-schemas.js';
import { changeWatch } from './watch-change.js';
import { watchJson } from './watch-json.js';

export function registerEditRoutes(api: FastifyInstance, service: AtlasService, tenantOf: (req: FastifyRequest) => string): void {
  // Feedback acts when results are read (detect/feedback-scores.ts): deleting it restores the scores and
  // alert counts it changed, past and future alike.
  api.delete<{ Params: { id: string }; Querystring: { watch?: string } }>('/feedback/:id', { schema: editSchemas.deleteFeedback }, async (req, reply) => {
    const tenant = tenantOf(req);
    const watches = req.query.watch !== undefined ? [service.runner(tenant, req.query.watch)].filter((w) => w !== undefined) : service.watches(tenant);
    for (const w of watches) if (w.store.deleteFeedback(req.params.id)) return reply.code(204).send();
    throw new HttpError(404, `no feedback ${req.params.id}${req.query.watch !== undefined ? ` on watch ${req.query.watch}` : ''}`);
  });

  api.patch<{ Params: { name: string }; Body: { selector: string } }>('/watches/:name', { schema: editSchemas.patchWatch }, async (req) => {
    const runner = await changeWatch(req.body.selector, () => service.editWatch(tenantOf(req), req.params.name, req.body.selector));
    if (!runner) throw new HttpError(404, `no watch named ${req.params.name}`);
    return watchJson(runner);
  });
}
