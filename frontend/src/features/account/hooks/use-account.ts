import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changePassword, createToken, listTokens, revokeToken, tokenKeys } from '../api/account';

export function useChangePassword() {
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) => changePassword(currentPassword, newPassword),
  });
}

/** The caller's API tokens, with create and revoke refreshing the list. */
export function useTokens() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: tokenKeys.all });
  const list = useQuery({ queryKey: tokenKeys.all, queryFn: ({ signal }) => listTokens(signal) });
  const create = useMutation({
    mutationFn: ({ name, expiresInDays }: { name: string; expiresInDays: number }) => createToken(name, expiresInDays),
    onSuccess: refresh,
  });
  const revoke = useMutation({ mutationFn: revokeToken, onSettled: refresh });
  return { list, create, revoke };
}
