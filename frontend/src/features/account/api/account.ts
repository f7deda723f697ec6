import { z } from 'zod';
import { apiRequest, apiSend } from '../../../lib/api-client';

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiSend('/api/auth/password', { method: 'POST', json: { currentPassword, newPassword } });
}

export const tokenSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullish(),
  lastUsedAt: z.string().nullish(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

/** The answer to a creation: the only time the secret is ever sent. */
export const createdTokenSchema = tokenSchema.extend({ token: z.string().startsWith('assay_') });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const tokenKeys = { all: ['tokens'] as const };

export function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return apiRequest('/api/tokens', z.array(tokenSchema), { signal });
}

export function createToken(name: string, expiresInDays: number): Promise<CreatedToken> {
  return apiRequest('/api/tokens', createdTokenSchema, { method: 'POST', json: { name, expiresInDays } });
}

export function revokeToken(id: string): Promise<void> {
  return apiSend(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
