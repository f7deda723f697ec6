package dev.assay.gateway.e2e;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a stored analysis result with the engine's result for the same file: exactly, except the quantiles.
 * Those come from a randomised sketch (KLL), so two runs over the same file give different estimates within the
 * sketch's rank error; a stored quantile must name the same quantiles, lie within the column's range, and keep
 * their order. Numbers are compared by value: PostgreSQL's {@code jsonb} writes {@code 3.0E7} back as
 * {@code 30000000}.
 */
final class SameResult {

    private SameResult() {
    }

    static void assertSameResult(String what, JsonNode actual, JsonNode expected) {
        assertThat(actual).as("%s: a result object", what).isInstanceOf(ObjectNode.class);
        ObjectNode actualRest = (ObjectNode) byValue(actual);
        ObjectNode expectedRest = (ObjectNode) byValue(expected);
        JsonNode actualColumns = actualRest.get("columns");
        JsonNode expectedColumns = expectedRest.get("columns");
        if (actualColumns != null && expectedColumns != null && actualColumns.size() == expectedColumns.size()) {
            for (int i = 0; i < expectedColumns.size(); i++) {
                JsonNode expectedColumn = expectedColumns.get(i);
                JsonNode actualQuantiles = ((ObjectNode) actualColumns.get(i)).remove("quantiles");
                JsonNode expectedQuantiles = ((ObjectNode) expectedColumn).remove("quantiles");
                assertConsistentQuantiles(what + ", column " + expectedColumn.get("name"), actualQuantiles,
                        expectedQuantiles, expectedColumn);
            }
        }
        assertThat(actualRest).as("%s (quantiles compared apart)", what).isEqualTo(expectedRest);
    }

    private static void assertConsistentQuantiles(String what, JsonNode actual, JsonNode expected, JsonNode column) {
        if (expected == null || expected.isNull()) {
            assertThat(actual == null || actual.isNull()).as("%s: no quantiles", what).isTrue();
            return;
        }
        assertThat(actual).as("%s: quantiles", what).isNotNull();
        assertThat(actual.propertyNames()).as("%s: quantile names", what)
                .containsExactlyInAnyOrderElementsOf(expected.propertyNames());
        double min = column.get("min").asDouble();
        double max = column.get("max").asDouble();
        double previous = Double.NEGATIVE_INFINITY;
        for (String name : List.of("p50", "p90", "p99")) {
            if (actual.has(name)) {
                double value = actual.get(name).asDouble();
                assertThat(value).as("%s: %s within [min, max] and not below the quantile before it", what, name)
                        .isBetween(Math.max(min, previous), max);
                previous = value;
            }
        }
    }

    /** A copy in which every number is a decimal without trailing zeros, so that equal values compare equal. */
    private static JsonNode byValue(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(property -> copy.set(property.getKey(), byValue(property.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(byValue(element)));
            return copy;
        }
        return node;
    }
}
