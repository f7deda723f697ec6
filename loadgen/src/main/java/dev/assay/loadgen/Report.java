package dev.assay.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's outcome as a text table (for the terminal), as JSON (to compare runs) and, for load runs, as an
 * HTML page with an inline SVG chart of latency over time (no scripts, no external resources).
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Report() {
    }

    static String table(LoadResult r) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nAssay load run '%s' (%s)%n", r.label(), r.settings()));
        t.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s %8s%n", "latency (ms)", "p50", "p95",
                "p99", "max", "mean", "n"));
        row(t, "upload -> 202", r.uploadLatency());
        row(t, "202 -> QUEUED push", r.acceptedToQueued());
        row(t, "202 -> started push", r.acceptedToStarted());
        row(t, "202 -> COMPLETED push", r.acceptedToCompleted());
        t.append(String.format(Locale.ROOT, "%-22s %10.1f  (%d jobs in %.2f s)%n", "jobs/s", r.jobsPerSecond(),
                r.jobsCompleted(), r.durationSeconds()));
        t.append(String.format(Locale.ROOT, "%-22s %10.2f  (%d bytes)%n", "MB/s", r.megabytesPerSecond(),
                r.bytesUploaded()));
        t.append(String.format(Locale.ROOT, "%-22s %10.1f  (%d events on %d connections)%n", "events/s pushed",
                r.eventsPerSecond(), r.eventsPushed(), r.connections()));
        if (r.gatewayMaxRssMb() != null) {
            t.append(String.format(Locale.ROOT, "%-22s %10.0f%n", "gateway max RSS MB", r.gatewayMaxRssMb()));
        }
        t.append(String.format(Locale.ROOT,
                "%-22s accepted %d, completed %d, failed %d, upload errors %d, unfinished %d, lost events %d, "
                        + "foreign events %d -> %s%n",
                "checks", r.jobsAccepted(), r.jobsCompleted(), r.jobsFailed(), r.uploadErrors(), r.unfinishedJobs(),
                r.lostEvents(), r.foreignEvents(), r.passed() ? "PASS" : "FAIL"));
        return t.toString();
    }

    static String table(RabbitBaseline.Result r) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nRabbitMQ baseline '%s' (%s)%n", r.label(), r.settings()));
        t.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s %8s%n", "latency (ms)", "p50", "p95",
                "p99", "max", "mean", "n"));
        row(t, "publish -> confirm", r.confirmLatency());
        row(t, "publish -> delivered", r.endToEndLatency());
        t.append(String.format(Locale.ROOT, "%-22s %10.1f  (%d confirmed)%n", "published msg/s",
                r.publishedPerSecond(), r.published()));
        t.append(String.format(Locale.ROOT, "%-22s %10.1f  (%d acked in %.2f s)%n", "consumed msg/s",
                r.consumedPerSecond(), r.consumed(), r.durationSeconds()));
        return t.toString();
    }

    private static void row(StringBuilder t, String name, LatencyStats s) {
        t.append(String.format(Locale.ROOT, "%-22s %10.1f %10.1f %10.1f %10.1f %10.1f %8d%n", name, s.p50(), s.p95(),
                s.p99(), s.max(), s.mean(), s.count()));
    }

    static Path writeJson(Object result, Path folder, String label) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(label + ".json");
        JSON.writeValue(file.toFile(), result);
        return file;
    }

    static Path writeHtml(LoadResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(result.label() + ".html");
        Files.writeString(file, html(result), StandardCharsets.UTF_8);
        return file;
    }

    static String html(LoadResult r) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Assay load run "
                + escape(r.label()) + "</title>\n<style>body{font:14px system-ui,sans-serif;margin:2em}"
                + "pre{background:#f4f4f4;padding:1em}</style></head><body>\n<h1>Assay load run "
                + escape(r.label()) + "</h1>\n<p>Started " + r.startedAt() + ". Each dot is one job: when its upload"
                + " was accepted (x) and how long until its first PROCESSING push (blue) and its COMPLETED push"
                + " (red).</p>\n" + svg(r.timeline()) + "\n<pre>" + escape(table(r)) + "</pre>\n</body></html>\n";
    }

    /** An SVG scatter chart: x = seconds since the run's start, y = milliseconds since the job's 202. */
    static String svg(List<LoadResult.Point> points) {
        int width = 900;
        int height = 420;
        int left = 70;
        int bottom = 50;
        int top = 20;
        int right = 20;
        double maxX = Math.max(0.001, points.stream().mapToDouble(LoadResult.Point::acceptedAtSeconds).max()
                .orElse(1));
        double maxY = Math.max(1, points.stream().mapToDouble(LoadResult.Point::completedMs).max().orElse(1));
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"latency over time\">%n", width, height, width,
                height));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", left, top, plotWidth, plotHeight));
        for (int i = 0; i <= 4; i++) {
            double y = top + plotHeight - plotHeight * i / 4;
            double x = left + plotWidth * i / 4;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f</text>%n", left, y,
                    left + plotWidth, y, left - 6, y + 4, maxY * i / 4));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">"
                    + "%.1f</text>%n", x, top + plotHeight + 16, maxX * i / 4));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">"
                + "seconds since start (upload accepted)</text>%n", left + plotWidth / 2, height - 10));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">ms after 202</text>%n", top + plotHeight / 2,
                top + plotHeight / 2));
        for (LoadResult.Point p : points) {
            double x = left + plotWidth * p.acceptedAtSeconds() / maxX;
            if (!Double.isNaN(p.startedMs())) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"#1f77b4\"/>%n",
                        x, y(p.startedMs(), maxY, top, plotHeight)));
            }
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"#d62728\"/>%n", x,
                    y(p.completedMs(), maxY, top, plotHeight)));
        }
        return s.append("</svg>").toString();
    }

    private static double y(double ms, double maxY, int top, double plotHeight) {
        return top + plotHeight - plotHeight * Math.max(0, ms) / maxY;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
