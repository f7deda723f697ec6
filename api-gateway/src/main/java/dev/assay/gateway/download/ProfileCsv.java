package dev.assay.gateway.download;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The column profile of a result as CSV: one row per column with type, nulls, distinct, min, max, mean and the top
 * values. Every cell is neutralised against formula injection: a spreadsheet would run a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, so such a cell gets a leading {@code '}.
 */
final class ProfileCsv {

    static final String HEADER = "column,type,nulls,distinct,min,max,mean,top values";

    private ProfileCsv() {
    }

    static String of(JsonNode result) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (JsonNode column : result.path("columns")) {
            List<String> topValues = new ArrayList<>();
            for (JsonNode top : column.path("topValues")) {
                topValues.add(top.path("value").asString() + " (" + top.path("count").asLong() + ")");
            }
            List<String> cells = List.of(text(column.get("name")), text(column.get("type")),
                    text(column.get("nulls")), text(column.get("distinct")), text(column.get("min")),
                    text(column.get("max")), text(column.get("mean")), String.join("; ", topValues));
            csv.append(String.join(",", cells.stream().map(ProfileCsv::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asString();
    }

    /** One cell, neutralised, then quoted when it holds a delimiter, a quote or a line break. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
