import { z } from 'zod';
import { apiUpload, type UploadHandle } from '../../../lib/api-client';
import { jobSchema, type Job } from '../../jobs/api/jobs';

/** Optional hints for the analysis; empty values are not sent, so the engine detects them itself. */
export interface AnalysisOptions {
  userColumn: string;
  timestampColumn: string;
  delimiter: string;
  encoding: string;
}

export const emptyOptions: AnalysisOptions = { userColumn: '', timestampColumn: '', delimiter: '', encoding: '' };

const uploadResponseSchema = z.object({ jobs: z.array(jobSchema).min(1) });

/** Uploads one file as its own request so that it has its own progress and its own error. */
export function uploadFile(file: File, options: AnalysisOptions, onProgress: (fraction: number) => void): UploadHandle<Job> {
  const form = new FormData();
  form.append('files', file, file.name);
  for (const [name, value] of Object.entries(options)) {
    const trimmed = name === 'delimiter' ? value : value.trim();
    if (trimmed) form.append(name, trimmed === '\\t' ? '\t' : trimmed);
  }
  const handle = apiUpload('/api/jobs', form, uploadResponseSchema, onProgress);
  return { promise: handle.promise.then((body) => body.jobs[0]), abort: handle.abort };
}
