// JSON schemas of /changes and /search (docs/api.md), beside api-schemas.ts's.
import { epochMs, nearTemplate, watchName } from './api-schemas.js';

const status = { type: 'string', enum: ['new', 'gone', 'grown', 'shrunk', 'steady'] } as const;
const query = {
  query: { type: 'string' },
  logsql: { type: ['string', 'null'] },
  exact: { type: 'boolean' },
} as const;
const change = {
  status,
  count: { type: 'integer' },
  baselineCount: { type: 'integer' },
  ratio: { type: ['number', 'null'] },
  pValue: { type: 'number' },
  score: { type: 'number' },
} as const;

export const changesSchemas = {
  changes: {
    summary: 'Templates and clusters that are new, gone, grown or shrunk in a range against a baseline window',
    querystring: {
      type: 'object',
      properties: {
        watch: watchName,
        from: epochMs,
        to: epochMs,
        baselineFrom: epochMs,
        baselineTo: epochMs,
        limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
      },
      required: ['watch', 'from', 'to'],
    },
    response: {
      200: {
        type: 'object',
        properties: {
          from: { type: 'number' },
          to: { type: 'number' },
          baselineFrom: { type: 'number' },
          baselineTo: { type: 'number' },
          templates: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                pattern: { type: 'string' },
                canonical: { type: 'string' },
                cluster: { type: 'string' },
                clusterLabel: { type: 'string' },
                ...change,
                firstSeenMs: { type: 'number' },
                examples: { type: 'array', items: { type: 'string' } },
                ...query,
              },
            },
          },
          clusters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                cluster: { type: 'string' },
                clusterLabel: { type: 'string' },
                templates: { type: 'integer' },
                ...change,
                query: { type: ['string', 'null'] },
                logsql: { type: ['string', 'null'] },
                exact: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
  search: {
    summary: 'Templates nearest in meaning to a description, with the query that selects their lines',
    body: {
      type: 'object',
      properties: { watch: watchName, text: { type: 'string', minLength: 1, maxLength: 4096 }, k: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
      required: ['watch', 'text'],
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
              properties: { ...nearTemplate, score: { type: 'number' }, ...query },
            },
          },
          query: { type: ['string', 'null'] },
          logsql: { type: ['string', 'null'] },
          exact: { type: 'boolean' },
        },
      },
    },
  },
} as const;
