import { z } from 'zod';
import { apiRaw, apiRequest } from '../../../lib/api-client';

const num = z.number().nullish();
// min/max are whatever the column holds; an unexpected shape is shown as missing rather than failing the whole page
const scalar = z.union([z.string(), z.number(), z.boolean()]).nullish().catch(null);
const valueCount = z.object({ value: z.union([z.string(), z.number(), z.boolean()]).nullable().transform((v) => (v == null ? '' : String(v))), count: z.number() });

export const columnSchema = z.object({
  name: z.string(),
  type: z.string().nullish(),
  nulls: num,
  distinct: num,
  distinctIsEstimate: z.boolean().nullish(),
  min: scalar,
  max: scalar,
  mean: num,
  stddev: num,
  quantiles: z.object({ p50: num, p90: num, p99: num }).nullish(),
  topValues: z.array(valueCount).nullish(),
});
export type ColumnProfile = z.infer<typeof columnSchema>;

export const usersSchema = z.object({
  column: z.string().nullish(),
  distinct: z.number(),
  distinctIsEstimate: z.boolean().nullish(),
  top: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      events: z.number(),
      firstSeen: z.string().nullish(),
      lastSeen: z.string().nullish(),
    }),
  ),
  histogram: z.array(z.object({ minEvents: z.number(), maxEvents: z.number(), users: z.number() })).nullish(),
});
export type UserActivity = z.infer<typeof usersSchema>;

export const resultSchema = z.object({
  format: z
    .object({
      kind: z.string().nullish(),
      encoding: z.string().nullish(),
      delimiter: z.string().nullish(),
      hasHeader: z.boolean().nullish(),
      compression: z.string().nullish(),
    })
    .nullish(),
  bytes: num,
  lines: num,
  records: num,
  malformedRecords: num,
  malformedExamples: z.array(z.object({ line: z.number().nullish(), reason: z.string().nullish() })).nullish(),
  columns: z.array(columnSchema).nullish(),
  users: usersSchema.nullish(),
  timeline: z
    .object({
      column: z.string().nullish(),
      bucketWidth: z.string().nullish(),
      buckets: z.array(z.object({ start: z.string(), count: z.number() })),
    })
    .nullish(),
  log: z
    .object({
      statusCodes: z.array(valueCount).nullish(),
      methods: z.array(valueCount).nullish(),
      levels: z.array(valueCount).nullish(),
      topPaths: z.array(valueCount).nullish(),
      bytes: num,
      errorRate: num,
    })
    .nullish(),
  warnings: z.array(z.string()).nullish(),
});
export type AnalysisResult = z.infer<typeof resultSchema>;

export function getResult(id: string, signal?: AbortSignal): Promise<AnalysisResult> {
  return apiRequest(`/api/jobs/${encodeURIComponent(id)}/result`, resultSchema, { signal });
}

/** The result exactly as the server sent it, for the JSON download. */
export function getRawResult(id: string): Promise<string> {
  return apiRaw(`/api/jobs/${encodeURIComponent(id)}/result`);
}

/** What a running analysis found so far, carried by some live PROCESSING events (`partial`). */
export const partialResultSchema = z.object({
  records: z.number(),
  users: usersSchema.nullish(),
  timeline: resultSchema.shape.timeline,
});
export type PartialResult = z.infer<typeof partialResultSchema>;
