package dev.assay.analytics;

import java.util.Objects;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link AnalysisResult} as the result JSON of the design (Jackson 3). Thread-safe. */
public final class ResultJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private ResultJson() {
    }

    /** The result as JSON; {@code pretty} indents it for people. */
    public static String toJson(AnalysisResult result, boolean pretty) {
        Objects.requireNonNull(result, "result");
        return (pretty ? PRETTY : COMPACT).writeValueAsString(result);
    }
}
