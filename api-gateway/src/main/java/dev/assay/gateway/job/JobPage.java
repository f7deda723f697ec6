package dev.assay.gateway.job;

import java.util.List;

/**
 * One page of a user's jobs.
 *
 * @param items      the jobs on this page, newest first
 * @param page       zero-based page number
 * @param size       page size asked for
 * @param totalItems jobs on all pages
 * @param totalPages number of pages
 */
public record JobPage(List<Job> items, int page, int size, long totalItems, long totalPages) {
}
