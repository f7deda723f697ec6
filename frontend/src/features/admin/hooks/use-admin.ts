import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createUser, deleteUser, getQuotaDefaults, listUsers, resetPassword, updateUser, adminKeys, type Role, type UserChange } from '../api/admin';

export function useUsers() {
  return useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => listUsers(signal) });
}

export function useQuotaDefaults() {
  return useQuery({ queryKey: adminKeys.defaults, queryFn: ({ signal }) => getQuotaDefaults(signal), staleTime: Infinity });
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: adminKeys.users });
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ username, password, role }: { username: string; password: string; role: Role }) => createUser(username, password, role),
    onSuccess: refresh,
  });
}

/** Changes, password reset and deletion of one user; each refreshes the table when done. */
export function useUserActions(username: string) {
  const refresh = useRefreshUsers();
  const update = useMutation({ mutationFn: (change: UserChange) => updateUser(username, change), onSettled: refresh });
  const reset = useMutation({ mutationFn: (password: string) => resetPassword(username, password) });
  const remove = useMutation({ mutationFn: () => deleteUser(username), onSettled: refresh });
  return { update, reset, remove };
}
