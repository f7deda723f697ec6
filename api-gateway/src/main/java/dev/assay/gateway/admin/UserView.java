package dev.assay.gateway.admin;

import java.time.Instant;

import dev.assay.gateway.quota.Quota;
import dev.assay.gateway.quota.QuotaStore;
import dev.assay.gateway.security.Role;
import dev.assay.gateway.security.UserAccounts;

/**
 * A user as administrators see it: the account, what it uses, and its quota overrides (null: the global default).
 */
record UserView(String username, Role role, boolean enabled, Instant createdAt, long jobs, long storageBytes,
        Quota quota) {

    static UserView of(UserAccounts.Account account, QuotaStore.Usage usage, Quota overrides) {
        return new UserView(account.username(), account.role(), account.enabled(), account.createdAt(), usage.jobs(),
                usage.storageBytes(), overrides);
    }
}
