// JSON schemas of the HTTP API (docs/api.md): Fastify validates every request against them and the
// OpenAPI document is built from the same objects, so the two cannot drift apart.
export const watchName = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
export const epochMs = { type: 'integer', minimum: 0, maximum: 8.64e15 } as const;
/** A known template found near a line, a pattern or a description (/similar, /search). */
export const nearTemplate = {
  pattern: { type: 'string' },
  canonical: { type: 'string' },
  distance: { type: 'number' },
  count: { type: 'integer' },
  example: { type: 'string' },
  cluster: { type: 'string' },
  clusterLabel: { type: 'string' },
} as const;
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;
const labels = { type: 'object', additionalProperties: { type: 'string' } } as const;
const points = { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } } as const;

export const errorResponses = { 400: error, 401: error, 404: error, 409: error, 503: error } as const;

const component = { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } }, required: ['ok'] } as const;

export const watchSchema = {
  type: 'object',
  properties: {
    name: watchName,
    selector: { type: 'string' },
    backfillFromMs: epochMs,
    state: { type: 'string', enum: ['backfilling', 'following', 'error'] },
    cursorMs: { type: 'number' },
    error: { type: 'string' },
  },
  required: ['name', 'selector'],
} as const;

export const outlierSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    timeMs: { type: 'number' },
    tsNs: { type: 'string' },
    score: { type: 'number' },
    reasons: { type: 'array', items: { type: 'string' } },
    line: { type: 'string' },
    labels,
    pattern: { type: ['string', 'null'] },
    nearestPattern: { type: ['string', 'null'] },
    nearestCanonical: { type: ['string', 'null'] },
    distance: { type: ['number', 'null'] },
    cluster: { type: ['string', 'null'] },
    clusterLabel: { type: ['string', 'null'] },
    kind: { type: 'string', enum: ['distance', 'novelty', 'burst', 'entity', 'rule'] },
    rule: { type: ['string', 'null'] },
  },
} as const;

const feedbackSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    target: { type: 'string' },
    note: { type: ['string', 'null'] },
    createdMs: { type: 'number' },
    patterns: { type: 'array', items: { type: 'string' } },
  },
} as const;

const watchQuery = { type: 'object', properties: { watch: watchName }, required: ['watch'] } as const;
const range = { watch: watchName, from: epochMs, to: epochMs } as const;
const step = { type: 'integer', minimum: 1, maximum: 31_536_000 } as const;

export const schemas = {
  health: {
    summary: 'Health of Loki, the model and the store (no token needed)',
    response: {
      200: { type: 'object', properties: { status: { type: 'string' }, logStore: { type: 'string' }, loki: component, model: component, store: component } },
      503: { type: 'object', properties: { status: { type: 'string' }, logStore: { type: 'string' }, loki: component, model: component, store: component } },
    },
  },
  stats: {
    summary: 'Totals of one watch',
    querystring: watchQuery,
    response: {
      200: {
        type: 'object',
        properties: {
          watch: { type: 'string' },
          events: { type: 'integer' },
          patterns: { type: 'integer' },
          clusters: { type: 'integer' },
          outliers: { type: 'integer' },
          lastEventMs: { type: ['number', 'null'] },
        },
      },
    },
  },
  listWatches: {
    summary: "The tenant's watches",
    response: { 200: { type: 'object', properties: { watches: { type: 'array', items: watchSchema } } } },
  },
  createWatch: {
    summary: 'Add a watch: backfill from backfillFromMs (default one hour ago), then follow',
    body: {
      type: 'object',
      properties: { name: watchName, selector: { type: 'string', minLength: 2, maxLength: 4096 }, backfillFromMs: epochMs },
      required: ['name', 'selector'],
      additionalProperties: false,
    },
    response: { 201: watchSchema },
  },
  getWatch: {
    summary: 'One watch with its state and cursor',
    params: { type: 'object', properties: { name: watchName }, required: ['name'] },
    response: { 200: watchSchema },
  },
  deleteWatch: {
    summary: 'Stop a watch and delete its data',
    params: { type: 'object', properties: { name: watchName }, required: ['name'] },
    response: { 204: { type: 'null' } },
  },
  volumes: {
    summary: 'Events per time step per cluster (top clusters; the rest summed as "other")',
    querystring: {
      type: 'object',
      properties: {
        ...range,
        step,
        cluster: { type: 'array', items: { type: 'string', pattern: '^(c[0-9]+|noise|other)$' } },
        labels: { type: 'string', maxLength: 4096 },
        top: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
      },
      required: ['watch', 'from', 'to', 'step'],
    },
    response: {
      200: {
        type: 'object',
        properties: {
          step: { type: 'integer' },
          series: {
            type: 'array',
            items: { type: 'object', properties: { cluster: { type: 'string' }, label: { type: 'string' }, clusterLabel: { type: 'string' }, points } },
          },
        },
      },
    },
  },
  outliers: {
    summary: 'Outliers newest first, with reasons; feedback applied',
    querystring: {
      type: 'object',
      properties: {
        ...range,
        limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        minScore: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['watch', 'from', 'to'],
    },
    response: { 200: { type: 'object', properties: { outliers: { type: 'array', items: outlierSchema } } } },
  },
  counts: {
    summary: 'Zero-filled counts per step of events, new patterns, outliers or significantly grown templates',
    querystring: {
      type: 'object',
      properties: { ...range, step, kind: { type: 'string', enum: ['outliers', 'new_patterns', 'events', 'grown_templates'] } },
      required: ['watch', 'from', 'to', 'step', 'kind'],
    },
    response: { 200: { type: 'object', properties: { kind: { type: 'string' }, step: { type: 'integer' }, points } } },
  },
  scatter: {
    summary: 'Pattern positions (UMAP) with cluster and count, most frequent first',
    querystring: {
      type: 'object',
      properties: { watch: watchName, limit: { type: 'integer', minimum: 1, maximum: 100000, default: 5000 } },
      required: ['watch'],
    },
    response: {
      200: {
        type: 'object',
        properties: {
          points: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                pattern: { type: 'string' },
                x: { type: 'number' },
                y: { type: 'number' },
                cluster: { type: 'string' },
                clusterLabel: { type: 'string' },
                count: { type: 'integer' },
                canonical: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
  clusters: {
    summary: 'Clusters of the watch, largest first (the first `limit` of them, if given)',
    querystring: {
      type: 'object',
      properties: { watch: watchName, limit: { type: 'integer', minimum: 1, maximum: 100_000 } },
      required: ['watch'],
    },
    response: {
      200: {
        type: 'object',
        properties: {
          total: { type: 'integer' },
          clusters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                label: { type: 'string' },
                clusterLabel: { type: 'string' },
                size: { type: 'integer' },
                patterns: { type: 'integer' },
                topEntities: {
                  type: 'array',
                  items: { type: 'object', properties: { kind: { type: 'string' }, value: { type: 'string' }, count: { type: 'integer' } } },
                },
              },
            },
          },
        },
      },
    },
  },
  similar: {
    summary: 'Known patterns nearest in meaning to a line or to a pattern',
    body: {
      type: 'object',
      properties: {
        watch: watchName,
        line: { type: 'string', minLength: 1, maxLength: 65536 },
        pattern: { type: 'string', minLength: 1, maxLength: 64 },
        k: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
      },
      required: ['watch'],
      additionalProperties: false,
    },
    response: {
      200: {
        type: 'object',
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: { ...nearTemplate, labels },
            },
          },
        },
      },
    },
  },
  postFeedback: {
    summary: 'Mark a cluster normal or suppress a pattern (persists; changes outlier scores)',
    body: {
      type: 'object',
      properties: {
        watch: watchName,
        kind: { type: 'string', enum: ['normal_cluster', 'suppress_pattern'] },
        target: { type: 'string', minLength: 1, maxLength: 64 },
        note: { type: 'string', maxLength: 2000 },
      },
      required: ['watch', 'kind', 'target'],
      additionalProperties: false,
    },
    response: { 201: feedbackSchema },
  },
  getFeedback: {
    summary: 'Feedback given on a watch',
    querystring: watchQuery,
    response: { 200: { type: 'object', properties: { feedback: { type: 'array', items: feedbackSchema } } } },
  },
  postJob: {
    summary: "Analyse a time range once (a watch's selector, or any selector)",
    body: {
      type: 'object',
      properties: { watch: watchName, selector: { type: 'string', minLength: 2, maxLength: 4096 }, from: epochMs, to: epochMs },
      required: ['from', 'to'],
      additionalProperties: false,
    },
    response: { 202: { type: 'object', properties: { id: { type: 'string' }, state: { type: 'string' } } } },
  },
  getJob: {
    summary: 'State, progress and result of a job',
    params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
    response: {
      200: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          state: { type: 'string' },
          progress: { type: 'number' },
          error: { type: 'string' },
          result: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;
