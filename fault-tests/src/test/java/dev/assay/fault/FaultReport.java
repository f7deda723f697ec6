package dev.assay.fault;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a fault test injected and what it counted, printed to the test's output (Surefire keeps it in
 * {@code target/surefire-reports/}) as lines starting with {@code [fault]}, with the seconds since the test began.
 */
final class FaultReport {

    private static final PrintStream OUT = System.out;

    private final String test;
    private final long startNanos = System.nanoTime();

    FaultReport(String test) {
        this.test = test;
        print("started");
    }

    void injected(String fault) {
        print("injected: " + fault);
    }

    void note(String fact) {
        print(fact);
    }

    void counted(JobTally tally) {
        print("counted: " + tally);
    }

    private void print(String text) {
        OUT.printf(Locale.ROOT, "[fault] %s +%.1fs %s%n", test, (System.nanoTime() - startNanos) / 1e9, text);
    }
}
