// JSON schemas of the editing routes (docs/api.md), beside api-schemas.ts's.
import { watchSchema } from './api-schemas.js';

const watchName = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

export const editSchemas = {
  deleteFeedback: {
    summary: 'Undo one feedback (scores and alert counts go back to what they were without it)',
    params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' } }, required: ['id'] },
    querystring: { type: 'object', properties: { watch: watchName } },
    response: { 204: { type: 'null' } },
  },
  patchWatch: {
    summary: "Change a watch's query: its data and cursor stay; the new query is read from the cursor on",
    params: { type: 'object', properties: { name: watchName }, required: ['name'] },
    body: {
      type: 'object',
      properties: { selector: { type: 'string', minLength: 2, maxLength: 4096 } },
      required: ['selector'],
      additionalProperties: false,
    },
    response: { 200: watchSchema },
  },
} as const;
