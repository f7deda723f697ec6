import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCurrentUser, isAdmin, login, logout, sessionKey } from '../api/auth';

/** The current session: `user` is null when signed out, undefined while loading. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: ({ signal }) => getCurrentUser(signal), staleTime: 60_000 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => login(username, password),
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(sessionKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // The session query keeps its observers (clearing the whole cache would orphan them); everything else goes.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}

/** True when the signed-in user is an administrator (false while loading or signed out). */
export function useIsAdmin(): boolean {
  return isAdmin(useSession().data);
}
