package dev.assay.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording and lists where the time and the allocation went: the hottest methods by samples at the
 * top of the stack, the same samples charged to the nearest engine ({@code dev.assay}) method on the stack (so
 * that time inside the JDK is charged to the engine code that asked for it), engine methods by inclusive time,
 * and allocation by engine method and allocated type.
 */
final class JfrSummary {

    /** The engine's package: time and allocation are charged to the nearest method of it. */
    static final String ENGINE = "dev.assay.analytics";

    private JfrSummary() {
    }

    /** Summarises the recording, charging time and allocation to methods of {@code focus} (a package prefix). */
    static String summarise(Path recording, String focus, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> selfByEngine = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                    selfByEngine.merge(nearest(frames, focus), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String method = name(frame.getMethod());
                        if (method.startsWith(focus) && seen.add(method)) {
                            inclusive.merge(method, 1L, Long::sum);
                        }
                    }
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    String objectClass = event.getClass("objectClass").getName();
                    allocation.merge(nearest(frames, focus) + " -> " + objectClass, weight, Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %,d execution samples, %,d MB allocation sampled%n",
                recording.getFileName(), samples, allocated / 1_000_000));
        section(out, "Self time (method at the top of the stack)", self, samples, top);
        section(out, "Self time charged to the nearest " + focus + " method", selfByEngine, samples, top);
        section(out, "Inclusive time of " + focus + " methods", inclusive, samples, top);
        section(out, "Allocation by nearest " + focus + " method -> type (share of sampled bytes)", allocation,
                allocated, top);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append('\n').append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n",
                        total == 0 ? 0.0 : e.getValue() * 100.0 / total, e.getKey())));
    }

    private static String nearest(List<RecordedFrame> frames, String focus) {
        for (RecordedFrame frame : frames) {
            String method = name(frame.getMethod());
            if (method.startsWith(focus)) {
                return method;
            }
        }
        return "(outside " + focus + ") " + name(frames.get(0).getMethod());
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }
}
