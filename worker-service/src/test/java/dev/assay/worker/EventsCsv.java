package dev.assay.worker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated event logs of any size, for tests that need a job to run for a while. */
public final class EventsCsv {

    private EventsCsv() {
    }

    /** Writes a CSV of user events of about {@code approximateSize} bytes and returns its exact size. */
    public static long write(Path file, long approximateSize) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("timestamp,user_id,event,amount\n");
            long written = 0;
            for (int i = 0; written < approximateSize; i++) {
                String line = "2026-11-" + (10 + i % 20) + "T10:" + (10 + i % 50) + ":00Z,user" + (i % 997)
                        + ",click," + (i % 1000) + "." + (i % 100) + "\n";
                writer.write(line);
                written += line.length();
            }
        }
        return Files.size(file);
    }
}
