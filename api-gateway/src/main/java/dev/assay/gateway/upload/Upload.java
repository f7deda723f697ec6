package dev.assay.gateway.upload;

import java.util.List;
import java.util.Map;

import dev.assay.gateway.job.NewFile;

/**
 * What one upload request stored.
 *
 * @param files   the stored files, in request order
 * @param options the analysis overrides that came with them
 */
record Upload(List<NewFile> files, Map<String, String> options) {
}
