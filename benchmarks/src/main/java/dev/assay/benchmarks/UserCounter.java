package dev.assay.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** Events per user id in a {@link HashMap} with mutable counters: the loop every JVM baseline shares. */
final class UserCounter {

    private final Map<String, long[]> counts = new HashMap<>(1 << 15);
    private long events;

    void add(String userId) {
        counts.computeIfAbsent(userId, id -> new long[1])[0]++;
        events++;
    }

    Tally tally() {
        return new Tally(events, counts.size());
    }
}
