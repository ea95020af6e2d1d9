// The HTTP API (docs/api.md) on Fastify: bearer token on every route but health and the OpenAPI
// document, the tenant from the token (a tenant token) or X-Scope-OrgID (the engine token), JSON-schema
// validation, errors as {"error": "..."}.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { TENANT_RE, TokenCheck, type ApiTokens, type Caller } from './api-tokens.js';
import type { AtlasService } from './atlas-service.js';
import { registerRoutes } from './api-routes.js';

export interface ApiServerOptions extends ApiTokens {
  /** Logged requests and errors go here (Fastify's own logger stays off). */
  log?: (msg: string) => void;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const OPEN_PATHS = new Set(['/api/v1/health', '/api/v1/openapi.json']);

/** The tenant a request was proven to be (a tenant token), set before any route runs. */
const boundTenant = new WeakMap<FastifyRequest, string>();

export function buildApi(service: AtlasService, opts: ApiServerOptions): FastifyInstance {
  const tokens = new TokenCheck(opts);
  const app = Fastify({ logger: false, bodyLimit: 1 << 20, ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } } });
  const openapi = { paths: {} as Record<string, Record<string, unknown>> };

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.schema || methods.includes('HEAD')) return;
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    openapi.paths[path] ??= {};
    for (const m of methods) openapi.paths[path][m.toLowerCase()] = openapiOperation(route.schema as Record<string, unknown>, OPEN_PATHS.has(route.url));
  });

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    const tenant = req.headers['x-scope-orgid'];
    if (tenant !== undefined && (Array.isArray(tenant) || !TENANT_RE.test(tenant))) {
      return reply.code(400).send({ error: 'X-Scope-OrgID must be one printable ASCII word of at most 150 characters' });
    }
    if (OPEN_PATHS.has(path)) return;
    const caller: Caller | undefined = tokens.caller(req.headers.authorization);
    if (caller === undefined) {
      return reply.code(401).send({ error: req.headers.authorization ? 'wrong token' : 'missing Authorization: Bearer <token>' });
    }
    if (caller.kind === 'tenant') {
      if (tenant !== undefined && tenant !== '' && tenant !== caller.tenant) {
        return reply.code(403).send({ error: `this token is for tenant ${caller.tenant}, not ${tenant}` });
      }
      boundTenant.set(req, caller.tenant);
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: err.message });
    if (err.validation) return reply.code(400).send({ error: err.message });
    if (err instanceof RangeError) return reply.code(400).send({ error: err.message });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) opts.log?.(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
    return reply.code(status).send({ error: err.message.split('\n')[0] || 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));

  app.register(
    async (api) => {
      registerRoutes(api, service, (req) => tenantOf(req, service));
      api.get('/openapi.json', async () => ({
        openapi: '3.0.3',
        info: { title: 'Log Atlas engine API', version: '1' },
        servers: [{ url: '/api/v1' }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
        paths: Object.fromEntries(Object.entries(openapi.paths).map(([p, v]) => [p.replace(/^\/api\/v1/, ''), v])),
      }));
    },
    { prefix: '/api/v1' },
  );
  return app;
}

/** The request's tenant: its tenant token's, else X-Scope-OrgID, else the engine's default tenant. */
export function tenantOf(req: FastifyRequest, service: AtlasService): string {
  const bound = boundTenant.get(req);
  if (bound !== undefined) return bound;
  const h = req.headers['x-scope-orgid'];
  return typeof h === 'string' && h !== '' ? h : service.options.defaultTenant;
}

function openapiOperation(schema: Record<string, unknown>, open: boolean): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const [where, key] of [
    ['query', 'querystring'],
    ['path', 'params'],
  ] as const) {
    const s = schema[key] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, p] of Object.entries(s?.properties ?? {})) {
      parameters.push({ name, in: where, required: where === 'path' || (s?.required ?? []).includes(name), schema: p });
    }
  }
  parameters.push({ name: 'X-Scope-OrgID', in: 'header', required: false, schema: { type: 'string' } });
  const responses: Record<string, unknown> = {};
  for (const [code, s] of Object.entries((schema.response as Record<string, unknown>) ?? {})) {
    responses[code] =
      code === '204' ? { description: 'done' } : { description: code.startsWith('2') ? 'ok' : 'error', content: { 'application/json': { schema: s } } };
  }
  for (const code of open ? [] : ['400', '401', '404']) {
    responses[code] ??= { description: 'error', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } };
  }
  return {
    summary: schema.summary,
    parameters,
    ...(schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body } } } } : {}),
    responses,
    ...(open ? { security: [] } : {}),
  };
}
