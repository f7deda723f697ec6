package dev.assay.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the measurements of one run into the Markdown of BENCHMARKS.md and a TSV of the raw figures. */
final class Report {

    private final Machine machine;
    private final String label;
    private final String arguments;
    private final Instant started;
    private final Duration took;
    private final double loadAtStart;
    private final double loadAtEnd;
    private final String memoryHeap;
    private final Map<EventCsvGenerator.GeneratedFile, List<Measurement>> results;
    private final List<Path> profiles;

    Report(Machine machine, String label, String arguments, Instant started, Duration took, double loadAtStart, double loadAtEnd,
           String memoryHeap, Map<EventCsvGenerator.GeneratedFile, List<Measurement>> results, List<Path> profiles) {
        this.machine = machine;
        this.label = label;
        this.arguments = arguments;
        this.started = started;
        this.took = took;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
        this.memoryHeap = memoryHeap;
        this.results = results;
        this.profiles = profiles;
    }

    /** One line for the log. */
    static String summary(Measurement measurement) {
        if (!measurement.ok()) {
            return "FAILED " + measurement.error();
        }
        String memory = measurement.memory() == null ? ""
                : measurement.memory().error() != null ? ", memory run FAILED " + measurement.memory().error()
                : ", peak heap " + mb(measurement.memory().peakHeapUsed()) + ", live " + liveAfterGc(measurement);
        return String.format(Locale.ROOT, "best %.0f MB/s, median %.0f MB/s, %s%s", measurement.bestMbPerSecond(),
                measurement.medianMbPerSecond(), measurement.tally(), memory);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" (")
                .append(took.toSeconds()).append(" s)\n\n");
        md.append("- Machine: ").append(machine.processors()).append(" × ").append(machine.cpuModel())
                .append(", ").append(machine.memoryBytes() / (1L << 30)).append(" GiB RAM, ")
                .append(machine.java()).append(", ").append(machine.os()).append('\n');
        if (!label.isBlank()) {
            md.append("- Measured: ").append(label).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- Load average (1 min): %.2f at start, %.2f at end%n", loadAtStart,
                loadAtEnd));
        md.append("- Command: `java -jar benchmarks/target/benchmarks.jar")
                .append(arguments.isBlank() ? "" : " " + arguments).append("`\n\n");
        for (var entry : results.entrySet()) {
            EventCsvGenerator.GeneratedFile file = entry.getKey();
            List<Measurement> rows = entry.getValue();
            Optional<Double> duckDb = median(rows, Candidate.DUCKDB_T1);
            md.append(String.format(Locale.ROOT, "#### %s: %,d bytes, %,d events, %,d users%n%n",
                    file.path().getFileName(), file.bytes(), file.rows(), EventCsvGenerator.USERS));
            md.append("| candidate | MB/s best | MB/s median | × DuckDB t=1 | passes | GC ms | peak heap, -Xmx")
                    .append(memoryHeap).append(" | max live after GC | peak RSS | load | counts |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (Measurement m : rows) {
                md.append("| ").append(m.candidate().label()).append(" | ");
                if (!m.ok()) {
                    md.append("failed: ").append(escape(m.error())).append(" | | | | | | | | ")
                            .append(load(m)).append(" | |\n");
                    continue;
                }
                md.append(String.format(Locale.ROOT, "%.0f | %.0f | %s | %d | %s | %s | %s | %s | %s | %s |%n",
                        m.bestMbPerSecond(), m.medianMbPerSecond(),
                        duckDb.map(d -> String.format(Locale.ROOT, "%.2f", m.medianMbPerSecond() / d)).orElse("–"),
                        m.nanos().length, m.gcMillis() < 0 ? "–" : Long.toString(m.gcMillis()),
                        memory(m, Measurement.Memory::peakHeapUsed), liveAfterGc(m),
                        memory(m, Measurement.Memory::peakRss), load(m), counts(m, file)));
            }
            md.append('\n');
        }
        md.append(targets());
        for (Path profile : profiles) {
            md.append("\n#### Profile: ").append(profile.getFileName()).append("\n\n```\n")
                    .append(read(profile)).append("```\n");
        }
        return md.toString();
    }

    String tsv() {
        StringBuilder tsv = new StringBuilder("file\tcandidate\tbytes\tpass_nanos\tbest_mb_s\tmedian_mb_s\tevents\t"
                + "distinct_users\tgc_ms\tpeak_heap\tmax_live_after_gc\tcollections\tpeak_rss\tload\terror\n");
        for (var entry : results.entrySet()) {
            for (Measurement m : entry.getValue()) {
                Measurement.Memory memory = m.memory();
                tsv.append(entry.getKey().path().getFileName()).append('\t').append(m.candidate().id()).append('\t')
                        .append(m.fileBytes()).append('\t')
                        .append(Arrays.stream(m.nanos()).mapToObj(Long::toString).collect(Collectors.joining(",")))
                        .append('\t')
                        .append(m.ok() ? String.format(Locale.ROOT, "%.1f\t%.1f", m.bestMbPerSecond(),
                                m.medianMbPerSecond()) : "\t").append('\t')
                        .append(m.tally() == null ? "" : m.tally().events()).append('\t')
                        .append(m.tally() == null ? "" : m.tally().distinctUsers()).append('\t')
                        .append(m.gcMillis()).append('\t')
                        .append(memory == null ? "" : memory.peakHeapUsed()).append('\t')
                        .append(memory == null ? "" : memory.maxLiveAfterGc()).append('\t')
                        .append(memory == null ? "" : memory.collections()).append('\t')
                        .append(memory == null ? "" : memory.peakRss()).append('\t')
                        .append(m.loadBefore()).append('\t')
                        .append(m.error() != null ? m.error() : memory != null && memory.error() != null
                                ? "memory run: " + memory.error() : "").append('\n');
            }
        }
        return tsv.toString();
    }

    private String targets() {
        var files = List.copyOf(results.keySet());
        StringBuilder md = new StringBuilder("#### Targets of issue 2 (ratios of medians in this run)\n\n");
        md.append("| target | ");
        for (var file : files) {
            md.append(file.path().getFileName()).append(" | ");
        }
        md.append("verdict |\n|---|");
        md.append("---:|".repeat(files.size())).append("---|\n");
        ratioTarget(md, files, Candidate.CORE_USERS, "user activity ≥ 1.0× DuckDB t=1", 1.0);
        ratioTarget(md, files, Candidate.CORE_FULL, "full analysis ≥ 0.5× DuckDB t=1", 0.5);
        for (Candidate engine : List.of(Candidate.CORE_USERS, Candidate.CORE_FULL)) {
            memoryTarget(md, files, engine);
        }
        return md.toString();
    }

    private void ratioTarget(StringBuilder md, List<EventCsvGenerator.GeneratedFile> files, Candidate engine,
                             String name, double target) {
        md.append("| ").append(name).append(" | ");
        boolean met = true;
        boolean known = true;
        for (var file : files) {
            Optional<Double> ratio = median(results.get(file), engine)
                    .flatMap(e -> median(results.get(file), Candidate.DUCKDB_T1).map(d -> e / d));
            md.append(ratio.map(r -> String.format(Locale.ROOT, "%.2f×", r)).orElse("–")).append(" | ");
            known &= ratio.isPresent();
            met &= ratio.map(r -> r >= target).orElse(false);
        }
        md.append(!known ? "not measured" : met ? "**met**" : "**missed**").append(" |\n");
    }

    private void memoryTarget(StringBuilder md, List<EventCsvGenerator.GeneratedFile> files, Candidate engine) {
        md.append("| ").append(engine.id()).append(": each file within -Xmx").append(memoryHeap)
                .append(", peak heap of the largest ≤ that of the smallest | ");
        Long first = null;
        Long last = null;
        boolean allRan = true;
        for (var file : files) {
            Optional<Measurement.Memory> memory = find(results.get(file), engine).map(Measurement::memory);
            boolean ran = memory.isPresent() && memory.get().error() == null;
            allRan &= ran;
            md.append(ran ? mb(memory.get().peakHeapUsed()) : memory.map(m -> "failed").orElse("–")).append(" | ");
            if (ran) {
                first = first == null ? memory.get().peakHeapUsed() : first;
                last = memory.get().peakHeapUsed();
            }
        }
        String verdict = !allRan || first == null ? (first == null ? "not measured" : "**missed** (a run failed)")
                : last <= first ? "**met**" : String.format(Locale.ROOT, "**missed** (+%.1f%%)",
                (last - first) * 100.0 / first);
        md.append(verdict).append(" |\n");
    }

    private static Optional<Double> median(List<Measurement> rows, Candidate candidate) {
        return find(rows, candidate).filter(Measurement::ok).map(Measurement::medianMbPerSecond);
    }

    private static Optional<Measurement> find(List<Measurement> rows, Candidate candidate) {
        return rows.stream().filter(m -> m.candidate() == candidate).findFirst();
    }

    private static String memory(Measurement m, java.util.function.ToLongFunction<Measurement.Memory> figure) {
        if (m.memory() == null) {
            return "–";
        }
        if (m.memory().error() != null) {
            return "failed: " + escape(m.memory().error());
        }
        long value = figure.applyAsLong(m.memory());
        return value < 0 ? "–" : mb(value);
    }

    private static String liveAfterGc(Measurement m) {
        if (m.memory() != null && m.memory().error() == null && m.memory().collections() == 0) {
            return "no GC";
        }
        return memory(m, Measurement.Memory::maxLiveAfterGc);
    }

    private static String counts(Measurement m, EventCsvGenerator.GeneratedFile file) {
        Tally tally = m.tally();
        boolean eventsOk = tally.events() == file.rows();
        boolean usersOk = tally.distinctUsers() < 0 || tally.distinctUsers() == EventCsvGenerator.USERS;
        if (eventsOk && usersOk) {
            return "ok";
        }
        return String.format(Locale.ROOT, "**differ**: %,d events, %,d users", tally.events(),
                tally.distinctUsers());
    }

    private static String load(Measurement m) {
        return String.format(Locale.ROOT, "%.2f", m.loadBefore());
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
