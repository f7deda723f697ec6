package dev.assay.benchmarks;

/**
 * What a candidate counted in one pass, so that every candidate's answer can be checked against the others.
 *
 * @param events        data rows (events) counted
 * @param distinctUsers distinct user ids seen, or {@code -1} where the candidate does not count users
 */
public record Tally(long events, long distinctUsers) {
}
