import { formatBytes, formatNumber } from '../../../lib/format';
import type { QuotaField } from '../api/admin';

const MIB = 1024 * 1024;

/** How each limit is labelled, shown and edited: sizes are edited in MiB, counts as they are. */
export const QUOTA_FIELDS: { field: QuotaField; label: string; unit: string; bytes: boolean }[] = [
  { field: 'maxFileBytes', label: 'Max file size', unit: 'MiB', bytes: true },
  { field: 'maxActiveJobs', label: 'Max active jobs', unit: 'jobs', bytes: false },
  { field: 'maxStorageBytes', label: 'Max storage', unit: 'MiB', bytes: true },
  { field: 'uploadsPerMinute', label: 'Uploads per minute', unit: 'per minute', bytes: false },
];

export function formatLimit(value: number, bytes: boolean): string {
  return bytes ? formatBytes(value) : formatNumber(value, 0);
}

/** The value typed into an editor field, from a stored limit. */
export function toInput(value: number | null, bytes: boolean): string {
  if (value == null) return '';
  return String(bytes ? Math.round((value / MIB) * 100) / 100 : value);
}

/** A stored limit from what was typed: blank means "use the default" (null). */
export function fromInput(text: string, bytes: boolean): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const value = Number(trimmed);
  return bytes ? Math.round(value * MIB) : Math.round(value);
}
