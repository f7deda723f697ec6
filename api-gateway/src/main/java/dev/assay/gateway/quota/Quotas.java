package dev.assay.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.assay.gateway.config.AssayProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The quotas of a user: the global defaults with the user's overrides, and the checks an upload passes before its
 * bytes are read (active jobs, uploads per minute). File size and storage are enforced while the upload streams.
 */
@Service
public class Quotas {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final QuotaStore store;
    private final Quota defaults;
    private final int retryAfterSeconds;
    private final Clock clock;

    Quotas(QuotaStore store, QuotaProperties quota, AssayProperties properties, Clock clock) {
        this.store = store;
        this.defaults = new Quota(properties.upload().maxFileSize().toBytes(), quota.maxActiveJobs(),
                quota.maxStorage().toBytes(), quota.uploadsPerMinute());
        this.retryAfterSeconds = quota.retryAfter();
        this.clock = clock;
    }

    /** The global defaults. */
    public Quota defaults() {
        return defaults;
    }

    /** The user's effective limits. */
    public Quota of(String username) {
        return store.overrides(username).over(defaults);
    }

    /**
     * What a user may still upload now.
     *
     * @throws QuotaExceededException 429 with {@code Retry-After} when the user has as many active jobs as allowed or
     *                                has uploaded as many files as allowed in the last minute
     */
    public Allowance admitUpload(String username) {
        Quota quota = of(username);
        long active = store.activeJobs(username);
        if (active >= quota.maxActiveJobs()) {
            throw tooManyActiveJobs(quota, 1);
        }
        Instant now = clock.instant();
        List<Instant> recent = store.uploadsSince(username, now.minus(RATE_WINDOW));
        if (recent.size() >= quota.uploadsPerMinute()) {
            Instant free = recent.get(recent.size() - quota.uploadsPerMinute()).plus(RATE_WINDOW);
            throw new QuotaExceededException(HttpStatus.TOO_MANY_REQUESTS, "Too many uploads",
                    "You may upload " + quota.uploadsPerMinute() + " files a minute and have uploaded "
                            + recent.size() + " in the last minute; wait a moment.",
                    Duration.between(now, free).toSeconds() + 1);
        }
        long storageLeft = Math.max(0, quota.maxStorageBytes() - store.usage(username).storageBytes());
        return new Allowance(quota, storageLeft, quota.maxActiveJobs() - active);
    }

    /** 429: {@code files} more jobs would be more active jobs than the user may have. */
    public QuotaExceededException tooManyActiveJobs(Quota quota, int files) {
        return new QuotaExceededException(HttpStatus.TOO_MANY_REQUESTS, "Too many active jobs",
                "You may have " + quota.maxActiveJobs() + " queued or running jobs at once; " + files
                        + " more would be too many. Upload again when some have finished.",
                (long) retryAfterSeconds);
    }

    /**
     * What one upload may store.
     *
     * @param quota       the user's effective limits
     * @param storageLeft bytes the user may still store
     * @param jobsLeft    jobs the user may still queue
     */
    public record Allowance(Quota quota, long storageLeft, long jobsLeft) {
    }
}
