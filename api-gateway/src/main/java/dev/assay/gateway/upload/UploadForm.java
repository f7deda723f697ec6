package dev.assay.gateway.upload;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The multipart form of {@code POST /api/jobs}, for the API description only: the upload is read as a stream by
 * {@link UploadReceiver}, never bound to this record.
 */
@Schema(description = "One or more files, and analysis options that apply to each of them")
record UploadForm(
        @ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1,
                arraySchema = @Schema(description = "the files, each in a part named 'files' with its file name",
                        requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> files,
        @Schema(description = "the user column: a name, a 1-based number, $N (the Nth word of a text or log line)"
                + " or /regex/; detected when absent")
        String userColumn,
        @Schema(description = "the timestamp column: a name or a 1-based number; detected when absent")
        String timestampColumn,
        @Schema(description = "one ASCII character other than a quote, or 'tab'; detected when absent")
        String delimiter,
        @Schema(description = "a charset such as UTF-8, UTF-16LE or windows-1252; detected when absent")
        String encoding,
        @Schema(description = "csv, tsv, jsonl, log/apache-common, log/apache-combined, log/syslog, log/app or text;"
                + " detected when absent")
        String format,
        @Schema(description = "whether the first row names the columns; detected when absent")
        Boolean header) {
}
