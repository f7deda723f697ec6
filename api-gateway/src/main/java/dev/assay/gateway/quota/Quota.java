package dev.assay.gateway.quota;

/**
 * The four limits of a user. As an override of one user, a null field means "the global default"; as the effective
 * limits every field is set.
 *
 * @param maxFileBytes     largest file in bytes (413 above)
 * @param maxActiveJobs    most QUEUED and PROCESSING jobs at once (429 at the cap)
 * @param maxStorageBytes  most bytes of kept (not expired) files (507 above)
 * @param uploadsPerMinute most files uploaded in any minute (429 above)
 */
public record Quota(Long maxFileBytes, Integer maxActiveJobs, Long maxStorageBytes, Integer uploadsPerMinute) {

    /** No override at all. */
    public static final Quota NONE = new Quota(null, null, null, null);

    /** These overrides, with the defaults where there is none. */
    public Quota over(Quota defaults) {
        return new Quota(maxFileBytes != null ? maxFileBytes : defaults.maxFileBytes,
                maxActiveJobs != null ? maxActiveJobs : defaults.maxActiveJobs,
                maxStorageBytes != null ? maxStorageBytes : defaults.maxStorageBytes,
                uploadsPerMinute != null ? uploadsPerMinute : defaults.uploadsPerMinute);
    }
}
