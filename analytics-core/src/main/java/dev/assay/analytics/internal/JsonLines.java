package dev.assay.analytics.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads one JSON line into its top-level keys and scalar values. */
final class JsonLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonLines() {
    }

    /**
     * Top-level keys of a JSON object line with their values as text (nested values as JSON, {@code null} for JSON
     * null), or {@code null} when the line is not a JSON object.
     */
    static Map<String, String> flatTopLevel(String line) {
        String s = line.strip();
        if (!s.startsWith("{")) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(s);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString());
        }
        return out;
    }
}
