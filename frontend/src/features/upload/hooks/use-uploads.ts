import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { formatDuration } from '../../../lib/format';
import { jobKeys } from '../../jobs/api/jobs';
import { uploadFile, type AnalysisOptions } from '../api/upload';

export type UploadState = 'waiting' | 'uploading' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  file: File;
  state: UploadState;
  progress: number;
  jobId?: string;
  error?: string;
}

const CONCURRENCY = 3;

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const detail = error.detail && error.detail !== error.title ? `: ${error.detail}` : '';
    const retry = error.retryAfterSeconds != null ? ` Try again in ${formatDuration(Math.max(1, error.retryAfterSeconds))}.` : '';
    return `${error.title}${detail}${retry}`;
  }
  return error instanceof Error ? error.message : 'Upload failed';
}

let counter = 0;

/** A queue of file uploads, at most three at a time, each with its own progress and outcome. */
export function useUploads() {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const pending = useRef<Map<string, AnalysisOptions>>(new Map());
  const aborts = useRef<Map<string, () => void>>(new Map());

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const add = useCallback((files: File[], options: AnalysisOptions) => {
    const added = files.map((file) => {
      const key = `u${++counter}`;
      pending.current.set(key, { ...options });
      return { key, file, state: 'waiting' as const, progress: 0 };
    });
    setItems((current) => [...current, ...added]);
  }, []);

  useEffect(() => {
    const running = items.filter((item) => item.state === 'uploading').length;
    const free = CONCURRENCY - running;
    if (free <= 0) return;
    const next = items.filter((item) => item.state === 'waiting' && pending.current.has(item.key)).slice(0, free);
    for (const item of next) {
      const options = pending.current.get(item.key)!;
      pending.current.delete(item.key);
      update(item.key, { state: 'uploading' });
      const handle = uploadFile(item.file, options, (progress) => update(item.key, { progress }));
      aborts.current.set(item.key, handle.abort);
      handle.promise.then(
        (job) => {
          update(item.key, { state: 'done', progress: 1, jobId: job.id });
          void queryClient.invalidateQueries({ queryKey: jobKeys.all });
        },
        (error: unknown) => update(item.key, { state: 'failed', error: describe(error) }),
      ).finally(() => aborts.current.delete(item.key));
    }
  }, [items, update, queryClient]);

  const dismiss = useCallback((key: string) => {
    aborts.current.get(key)?.();
    pending.current.delete(key);
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  const clearFinished = useCallback(() => {
    setItems((current) => current.filter((item) => item.state === 'waiting' || item.state === 'uploading'));
  }, []);

  return { items, add, dismiss, clearFinished };
}
