import { z } from 'zod';
import { ApiError, apiRequest, apiSend } from '../../../lib/api-client';

export const userSchema = z.object({
  username: z.string(),
  roles: z.array(z.string()).default([]),
});
export type User = z.infer<typeof userSchema>;

export const sessionKey = ['auth', 'me'] as const;

/** The signed-in user, or null when the session is anonymous. */
export async function getCurrentUser(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiRequest('/api/auth/me', userSchema, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(username: string, password: string): Promise<User> {
  return apiRequest('/api/auth/login', userSchema, { method: 'POST', json: { username, password } });
}

export function logout(): Promise<void> {
  return apiSend('/api/auth/logout', { method: 'POST' });
}

/** Whether the user may see the administration, the cluster and everyone's jobs. */
export function isAdmin(user: User | null | undefined): boolean {
  return Boolean(user?.roles.includes('ADMIN'));
}
