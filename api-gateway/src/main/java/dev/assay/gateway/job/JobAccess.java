package dev.assay.gateway.job;

import java.util.UUID;

import dev.assay.gateway.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whose job a caller acts on: a user only ever on their own, an administrator on anyone's. The owner-scoped methods
 * of {@link JobService} are then called with the owner this returns, so a user asking for another user's job still
 * gets a 404, exactly as for a missing one.
 */
@Component
public class JobAccess {

    private final JobRepository jobs;

    JobAccess(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The owner to scope job {@code id} to: the caller, or for an administrator the job's actual owner. */
    public String ownerFor(UUID id, Authentication caller) {
        if (Role.ADMIN.heldBy(caller)) {
            return jobs.findById(id).map(Job::owner).orElse(caller.getName());
        }
        return caller.getName();
    }

    /** The owner to list jobs of: the caller, or null (everyone) for an administrator asking for {@code scope=all}. */
    public String listScope(String scope, Authentication caller) {
        return "all".equals(scope) && Role.ADMIN.heldBy(caller) ? null : caller.getName();
    }
}
