package dev.assay.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The child JVM of one measurement: runs one candidate on one file, {@code warmups} times unmeasured and then
 * {@code runs} times measured, and writes the times, the counts and the heap figures to a properties file (see
 * {@link Measurement}). Each candidate gets a fresh JVM so that no candidate's JIT profile or heap shape leaks into
 * another's figures.
 *
 * <p>Arguments: {@code CANDIDATE FILE WARMUPS RUNS RESULT_FILE}.
 */
public final class CandidateProcess {

    private CandidateProcess() {
    }

    /** Entry point of the child JVM; exits non-zero if the candidate failed (the reason is in the result file). */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: CANDIDATE FILE WARMUPS RUNS RESULT_FILE");
        }
        Candidate candidate = Candidate.byId(args[0]);
        Path file = Path.of(args[1]);
        int warmups = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path resultFile = Path.of(args[4]);

        Properties result = new Properties();
        result.setProperty("candidate", candidate.id());
        result.setProperty("bytes", Long.toString(Files.size(file)));
        result.setProperty("maxHeap", Long.toString(Runtime.getRuntime().maxMemory()));
        boolean ok = true;
        MemoryProbe probe = new MemoryProbe();
        try {
            for (int i = 0; i < warmups; i++) {
                candidate.run(file);
            }
            probe.reset();
            long gcBefore = MemoryProbe.totalGcMillis();
            List<Long> nanos = new ArrayList<>();
            Tally tally = null;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                Tally current = candidate.run(file);
                nanos.add(System.nanoTime() - start);
                if (tally != null && !tally.equals(current)) {
                    throw new IllegalStateException("runs disagree: " + tally + " then " + current);
                }
                tally = current;
            }
            MemoryProbe.Snapshot memory = probe.snapshot();
            result.setProperty("nanos", nanos.stream().map(String::valueOf).collect(Collectors.joining(",")));
            result.setProperty("events", Long.toString(tally.events()));
            result.setProperty("distinctUsers", Long.toString(tally.distinctUsers()));
            result.setProperty("peakHeapUsed", Long.toString(memory.peakHeapUsed()));
            result.setProperty("maxLiveAfterGc", Long.toString(memory.maxLiveAfterGc()));
            result.setProperty("collections", Long.toString(memory.collections()));
            result.setProperty("gcMillis", Long.toString(memory.gcMillis() - gcBefore));
            result.setProperty("peakRss", Long.toString(memory.peakRss()));
        } catch (Exception | OutOfMemoryError e) {
            ok = false;
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            result.setProperty("error", e.toString());
            result.setProperty("trace", trace.toString());
        }
        try (OutputStream out = Files.newOutputStream(resultFile)) {
            result.store(out, null);
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
