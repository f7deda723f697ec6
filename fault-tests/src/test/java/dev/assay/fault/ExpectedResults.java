package dev.assay.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The right answer for a file: the engine run in this JVM on the same file. A stored result must equal it, except
 * its {@code quantiles}, which come from a randomised sketch (two runs over one file differ within the sketch's
 * error); numbers compare by value, as PostgreSQL's {@code jsonb} may write {@code 3.0E7} back as {@code 30000000}.
 */
final class ExpectedResults {

    private ExpectedResults() {
    }

    static JsonNode analyse(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return AssayApi.JSON.valueToTree(
                    Analytics.analyze(input, AnalysisOptions.defaults(), ProgressListener.NONE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AnalysisException e) {
            throw new IllegalStateException("the engine cannot analyse " + file + ": " + e.getMessage(), e);
        }
    }

    static void assertSameResult(String what, JsonNode actual, JsonNode expected) {
        assertThat(comparable(actual)).as(what + " (quantiles left out)").isEqualTo(comparable(expected));
    }

    private static JsonNode comparable(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().stream().filter(property -> !property.getKey().equals("quantiles"))
                    .forEach(property -> copy.set(property.getKey(), comparable(property.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(comparable(element)));
            return copy;
        }
        return node;
    }
}
