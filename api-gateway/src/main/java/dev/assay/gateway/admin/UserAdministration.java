package dev.assay.gateway.admin;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobService;
import dev.assay.gateway.quota.Quota;
import dev.assay.gateway.quota.QuotaStore;
import dev.assay.gateway.security.BadRequest;
import dev.assay.gateway.security.Passwords;
import dev.assay.gateway.security.Role;
import dev.assay.gateway.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * What administrators do with users: create, change (enabled, role, quota), reset the password, delete with
 * everything the user owns. An administrator cannot lock themselves out: no disabling, demoting or deleting
 * oneself.
 */
@Service
class UserAdministration {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final int PAGE = 200;

    private final UserAccounts accounts;
    private final Passwords passwords;
    private final QuotaStore quotas;
    private final JobService jobs;

    UserAdministration(UserAccounts accounts, Passwords passwords, QuotaStore quotas, JobService jobs) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.quotas = quotas;
        this.jobs = jobs;
    }

    List<UserView> list() {
        Map<String, QuotaStore.Usage> usage = quotas.usageByUser();
        Map<String, Quota> overrides = quotas.allOverrides();
        return accounts.list().stream()
                .map(account -> UserView.of(account, usage.getOrDefault(account.username(), QuotaStore.Usage.NONE),
                        overrides.getOrDefault(account.username(), Quota.NONE)))
                .toList();
    }

    UserView get(String username) {
        UserAccounts.Account account = accounts.account(username).orElseThrow(() -> notFound(username));
        return UserView.of(account, quotas.usage(username), quotas.overrides(username));
    }

    UserView create(String username, String password, Role role) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new BadRequest("The user name must be 1-100 letters, digits or . _ @ -");
        }
        try {
            accounts.create(username, passwords.hashOfNew(password), role == null ? Role.USER : role);
        } catch (DuplicateKeyException e) {
            throw conflict("There is already a user " + username + ".");
        }
        log.info("User {} created ({})", username, role);
        return get(username);
    }

    UserView update(String admin, String username, Boolean enabled, Role role, Quota quota) {
        get(username);
        if (admin.equals(username) && (Boolean.FALSE.equals(enabled) || role == Role.USER)) {
            throw conflict("You cannot disable or demote yourself: another administrator has to.");
        }
        if (enabled != null) {
            accounts.setEnabled(username, enabled);
        }
        if (role != null) {
            accounts.setRole(username, role);
        }
        if (quota != null) {
            checkPositive(quota);
            quotas.setOverrides(username, quota);
        }
        return get(username);
    }

    void resetPassword(String username, String password) {
        if (!passwords.change(username, password)) {
            throw notFound(username);
        }
        log.info("Password of {} reset by an administrator", username);
    }

    /** Deletes the user's jobs with their files, then the user and their tokens. */
    void delete(String admin, String username) {
        get(username);
        if (admin.equals(username)) {
            throw conflict("You cannot delete yourself: another administrator has to.");
        }
        List<Job> owned;
        while (!(owned = jobs.page(username, null, 0, PAGE).items()).isEmpty()) {
            owned.forEach(job -> jobs.delete(job.id(), username));
        }
        accounts.delete(username);
        log.info("User {} deleted with their jobs and files", username);
    }

    private static void checkPositive(Quota quota) {
        if (quota.maxFileBytes() != null && quota.maxFileBytes() < 1
                || quota.maxActiveJobs() != null && quota.maxActiveJobs() < 1
                || quota.maxStorageBytes() != null && quota.maxStorageBytes() < 1
                || quota.uploadsPerMinute() != null && quota.uploadsPerMinute() < 1) {
            throw new BadRequest("Every quota must be at least 1, or null for the global default.");
        }
    }

    private static ErrorResponseException notFound(String username) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no user "
                + username + ".");
        problem.setTitle("User not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private static ErrorResponseException conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
