package dev.assay.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark of issue 2: generates the event CSVs once, then measures every candidate on every file and
 * writes a Markdown report (and the raw figures as TSV) beside the jar. Plain harness, not JMH: each in-JVM
 * candidate runs in a fresh child JVM ({@link CandidateProcess}) that does unmeasured warm-up passes and then timed
 * passes over the whole file, and once more in a child JVM under {@code -Xmx256m} for its heap figures.
 *
 * <p>Options (all optional): {@code --data DIR} where the CSVs are kept (default {@code data} beside the jar),
 * {@code --sizes 200MB,1GB}, {@code --candidates id,...} (default all: {@value #ALL}), {@code --warmups N} and
 * {@code --runs N} for files up to 256 MB (default 2 and 5), {@code --large-warmups N} and {@code --large-runs N}
 * above (default 1 and 3), {@code --heap 1g} of the throughput JVMs,
 * {@code --memory-heap 256m}, {@code --no-memory}, {@code --profile} (after the table, JFR profiles of the engine's
 * candidates on the smallest file), {@code --core-options key=value;...} (overrides for the engine, as an upload
 * gives them), {@code --jvm-option X} (for every child JVM), {@code --label TEXT} (what was measured, e.g. the
 * engine's commit, printed in the report), {@code --report FILE}.
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

    private static final String ALL = "wc-l, duckdb-t1, duckdb-t2, commons-csv, fastcsv, readline-indexof, "
            + "byte-scan, core-users, core-full";
    private static final long LARGE = 256_000_000L;

    private BenchmarkMain() {
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Machine machine = Machine.current();
        log.info("Machine: {} x {}, {} MB RAM, {}, {}", machine.processors(), machine.cpuModel(),
                machine.memoryBytes() / 1_000_000, machine.java(), machine.os());

        EventCsvGenerator generator = new EventCsvGenerator(EventCsvGenerator.DEFAULT_SEED);
        List<EventCsvGenerator.GeneratedFile> files = new ArrayList<>();
        for (Map.Entry<String, Long> size : options.sizes.entrySet()) {
            Instant start = Instant.now();
            var file = generator.ensure(options.dataDir, "events-" + size.getKey() + ".csv", size.getValue());
            log.info("Input {}: {} bytes, {} events (ready in {} s)", file.path(), file.bytes(), file.rows(),
                    Duration.between(start, Instant.now()).toSeconds());
            files.add(file);
        }

        Instant started = Instant.now();
        double loadAtStart = Machine.loadAverage();
        Map<EventCsvGenerator.GeneratedFile, List<Measurement>> results = new LinkedHashMap<>();
        for (var file : files) {
            List<Measurement> rows = new ArrayList<>();
            for (Candidate candidate : options.candidates) {
                Measurement measurement = measure(options, candidate, file);
                log.info("{} on {}: {}", candidate.id(), file.path().getFileName(), Report.summary(measurement));
                rows.add(measurement);
            }
            results.put(file, rows);
        }
        double loadAtEnd = Machine.loadAverage();
        Duration took = Duration.between(started, Instant.now());

        List<Path> profiles = new ArrayList<>();
        if (options.profile) {
            profiles = profile(options, files.get(0));
        }

        String command = Arrays.stream(args).map(a -> a.contains(" ") ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
        Report report = new Report(machine, options.label, command, started, took, loadAtStart, loadAtEnd,
                options.memoryHeap, results, profiles);
        Files.writeString(options.report, report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(withExtension(options.report, ".tsv"), report.tsv(), StandardCharsets.UTF_8);
        log.info("Measured in {} s; report written to {}\n{}", took.toSeconds(), options.report, report.markdown());
    }

    private static Measurement measure(Options options, Candidate candidate, EventCsvGenerator.GeneratedFile file)
            throws IOException, InterruptedException {
        boolean large = file.bytes() > LARGE;
        int warmups = large ? options.largeWarmups : options.warmups;
        int runs = large ? options.largeRuns : options.runs;
        double load = Machine.loadAverage();
        if (!candidate.inJvm()) {
            return measureHere(candidate, file, warmups, runs, load);
        }
        String size = sizeName(file);
        Properties throughput = runChild(options, candidate, file, warmups, runs,
                List.of("-Xms" + options.heap, "-Xmx" + options.heap), size + "-throughput");
        Measurement measurement = Measurement.from(candidate, file.bytes(), throughput, load);
        if (options.memory && measurement.ok()) {
            Properties memory = runChild(options, candidate, file, 0, 1, List.of("-Xmx" + options.memoryHeap),
                    size + "-memory");
            measurement = measurement.withMemory(Measurement.Memory.from(memory));
        }
        return measurement;
    }

    private static Measurement measureHere(Candidate candidate, EventCsvGenerator.GeneratedFile file, int warmups,
                                           int runs, double load) {
        try {
            for (int i = 0; i < warmups; i++) {
                candidate.run(file.path());
            }
            long[] nanos = new long[runs];
            Tally tally = null;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                tally = candidate.run(file.path());
                nanos[i] = System.nanoTime() - start;
            }
            return new Measurement(candidate, file.bytes(), nanos, tally, -1, null, load, null);
        } catch (Exception e) {
            log.warn("{} failed on {}", candidate.id(), file.path(), e);
            return Measurement.failed(candidate, file.bytes(), load, e.toString());
        }
    }

    private static Properties runChild(Options options, Candidate candidate, EventCsvGenerator.GeneratedFile file,
                                       int warmups, int runs, List<String> jvmOptions, String tag)
            throws IOException, InterruptedException {
        Path workDir = options.report.toAbsolutePath().getParent().resolve("bench-runs");
        Files.createDirectories(workDir);
        String name = candidate.id() + "-" + tag;
        Path resultFile = workDir.resolve(name + ".properties");
        Path logFile = workDir.resolve(name + ".log");
        Files.deleteIfExists(resultFile);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(options.extraJvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CandidateProcess.class.getName());
        command.add(candidate.id());
        command.add(file.path().toString());
        command.add(Integer.toString(warmups));
        command.add(Integer.toString(runs));
        command.add(resultFile.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        Properties result = new Properties();
        if (Files.exists(resultFile)) {
            try (InputStream in = Files.newInputStream(resultFile)) {
                result.load(in);
            }
        }
        if (process.exitValue() != 0 && result.getProperty("error") == null) {
            result.setProperty("error", "child JVM exited with " + process.exitValue() + ": " + tail(logFile));
        }
        return result;
    }

    private static List<Path> profile(Options options, EventCsvGenerator.GeneratedFile file)
            throws IOException, InterruptedException {
        Path dir = options.report.toAbsolutePath().getParent().resolve("profile");
        Files.createDirectories(dir);
        List<Path> summaries = new ArrayList<>();
        for (Candidate candidate : options.candidates) {
            if (candidate != Candidate.CORE_USERS && candidate != Candidate.CORE_FULL) {
                continue;
            }
            Path recording = dir.resolve(candidate.id() + "-" + sizeName(file) + ".jfr");
            Properties result = runChild(options, candidate, file, 1, 3, List.of("-Xms" + options.heap,
                    "-Xmx" + options.heap, "-XX:StartFlightRecording=settings=profile,filename=" + recording),
                    sizeName(file) + "-profile");
            if (result.getProperty("error") != null) {
                log.warn("Profiling {} failed: {}", candidate.id(), result.getProperty("error"));
                continue;
            }
            Path summary = dir.resolve(candidate.id() + "-" + sizeName(file) + ".txt");
            Files.writeString(summary, JfrSummary.summarise(recording, JfrSummary.ENGINE, 25),
                    StandardCharsets.UTF_8);
            log.info("Profile of {}: {}", candidate.id(), summary);
            summaries.add(summary);
        }
        return summaries;
    }

    static String sizeName(EventCsvGenerator.GeneratedFile file) {
        String name = file.path().getFileName().toString();
        return name.substring(name.indexOf('-') + 1, name.lastIndexOf('.'));
    }

    private static String tail(Path logFile) throws IOException {
        if (!Files.exists(logFile)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(logFile);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }

    /** Parsed command line. */
    private static final class Options {
        Path dataDir;
        Path report;
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        int warmups = 2;
        int runs = 5;
        int largeWarmups = 1;
        int largeRuns = 3;
        String heap = "1g";
        String memoryHeap = "256m";
        boolean memory = true;
        boolean profile;
        String label = "";
        List<String> extraJvmOptions = new ArrayList<>();

        static Options parse(String[] args) throws URISyntaxException {
            Options options = new Options();
            Path home = jarDirectory();
            options.dataDir = home.resolve("data");
            options.report = home.resolve("benchmark-report.md");
            String sizes = "200MB,1GB";
            String candidates = ALL;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data" -> options.dataDir = Path.of(value(args, ++i, arg));
                    case "--report" -> options.report = Path.of(value(args, ++i, arg));
                    case "--sizes" -> sizes = value(args, ++i, arg);
                    case "--candidates" -> candidates = value(args, ++i, arg);
                    case "--warmups" -> options.warmups = Integer.parseInt(value(args, ++i, arg));
                    case "--runs" -> options.runs = Integer.parseInt(value(args, ++i, arg));
                    case "--large-warmups" -> options.largeWarmups = Integer.parseInt(value(args, ++i, arg));
                    case "--large-runs" -> options.largeRuns = Integer.parseInt(value(args, ++i, arg));
                    case "--heap" -> options.heap = value(args, ++i, arg);
                    case "--memory-heap" -> options.memoryHeap = value(args, ++i, arg);
                    case "--jvm-option" -> options.extraJvmOptions.add(value(args, ++i, arg));
                    case "--core-options" -> options.extraJvmOptions.add(
                            "-D" + CoreCandidates.OPTIONS_PROPERTY + "=" + value(args, ++i, arg));
                    case "--no-memory" -> options.memory = false;
                    case "--label" -> options.label = value(args, ++i, arg);
                    case "--profile" -> options.profile = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; see BENCHMARKS.md");
                }
            }
            for (String size : sizes.split(",")) {
                options.sizes.put(size.trim(), bytesOf(size.trim()));
            }
            for (String id : candidates.split(",")) {
                options.candidates.add(Candidate.byId(id.trim()));
            }
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        /** Decimal units, as for MB/s: 200MB = 200,000,000 bytes, 1GB = 1,000,000,000 bytes. */
        static long bytesOf(String size) {
            String upper = size.toUpperCase(Locale.ROOT);
            if (upper.endsWith("GB")) {
                return Long.parseLong(upper.substring(0, upper.length() - 2)) * 1_000_000_000L;
            }
            if (upper.endsWith("MB")) {
                return Long.parseLong(upper.substring(0, upper.length() - 2)) * 1_000_000L;
            }
            throw new IllegalArgumentException("size must end in MB or GB, got " + size);
        }

        private static Path jarDirectory() throws URISyntaxException {
            Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        }
    }
}
