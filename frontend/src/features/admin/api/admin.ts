import { z } from 'zod';
import { apiRequest, apiSend } from '../../../lib/api-client';

const limit = z.number().nullish().transform((value) => value ?? null);

/** Per-user limits; null means the global default applies. */
export const quotaSchema = z.object({
  maxFileBytes: limit,
  maxActiveJobs: limit,
  maxStorageBytes: limit,
  uploadsPerMinute: limit,
});
export type Quota = z.infer<typeof quotaSchema>;
export type QuotaField = keyof Quota;

export const quotaDefaultsSchema = z.object({
  maxFileBytes: z.number(),
  maxActiveJobs: z.number(),
  maxStorageBytes: z.number(),
  uploadsPerMinute: z.number(),
});
export type QuotaDefaults = z.infer<typeof quotaDefaultsSchema>;

export const ROLES = ['USER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const managedUserSchema = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  enabled: z.boolean(),
  createdAt: z.string().nullish(),
  jobs: z.number(),
  storageBytes: z.number(),
  quota: quotaSchema,
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export interface UserChange {
  enabled?: boolean;
  role?: Role;
  quota?: Quota;
}

export const adminKeys = {
  users: ['admin', 'users'] as const,
  defaults: ['admin', 'quota-defaults'] as const,
};

const userPath = (username: string) => `/api/admin/users/${encodeURIComponent(username)}`;

export function listUsers(signal?: AbortSignal): Promise<ManagedUser[]> {
  return apiRequest('/api/admin/users', z.array(managedUserSchema), { signal });
}

export function getQuotaDefaults(signal?: AbortSignal): Promise<QuotaDefaults> {
  return apiRequest('/api/admin/quota-defaults', quotaDefaultsSchema, { signal });
}

export function createUser(username: string, password: string, role: Role): Promise<ManagedUser> {
  return apiRequest('/api/admin/users', managedUserSchema, { method: 'POST', json: { username, password, role } });
}

export function updateUser(username: string, change: UserChange): Promise<ManagedUser> {
  return apiRequest(userPath(username), managedUserSchema, { method: 'PATCH', json: change });
}

export function resetPassword(username: string, password: string): Promise<void> {
  return apiSend(`${userPath(username)}/password`, { method: 'POST', json: { password } });
}

export function deleteUser(username: string): Promise<void> {
  return apiSend(userPath(username), { method: 'DELETE' });
}
