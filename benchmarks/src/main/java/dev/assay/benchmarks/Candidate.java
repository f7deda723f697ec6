package dev.assay.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What the benchmark measures: each candidate reads the whole event CSV once and counts events per {@code user_id}
 * (the engine's candidates do their own analysis and report their counts). All but {@code duckdb-t2} work on one
 * thread. {@link #WC_L} runs as an external process; the others run inside a JVM.
 */
public enum Candidate {

    /** {@code wc -l}: the floor of reading the bytes once. */
    WC_L("wc-l", "`wc -l` (process)", false) {
        @Override
        Tally run(Path file) throws IOException, InterruptedException {
            Process process = new ProcessBuilder("wc", "-l", file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("wc -l failed on " + file + ": " + output);
            }
            long lines = Long.parseLong(output.substring(0, output.indexOf(' ')));
            return new Tally(lines - 1, -1);
        }
    },

    /** DuckDB in-process, one thread. */
    DUCKDB_T1("duckdb-t1", "DuckDB `GROUP BY user_id`, threads=1", true) {
        @Override
        Tally run(Path file) throws SQLException {
            return duckDb(file, 1);
        }
    },

    /** DuckDB in-process, two threads (all cores of the reference machine). */
    DUCKDB_T2("duckdb-t2", "DuckDB `GROUP BY user_id`, threads=2", true) {
        @Override
        Tally run(Path file) throws SQLException {
            return duckDb(file, 2);
        }
    },

    /** Apache commons-csv, the parser the engine started from. */
    COMMONS_CSV("commons-csv", "commons-csv 1.14.1 loop + HashMap", true) {
        @Override
        Tally run(Path file) throws IOException {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            UserCounter counter = new UserCounter();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    counter.add(record.get(USER_COLUMN));
                }
            }
            return counter.tally();
        }
    },

    /** FastCSV, the fastest maintained JVM CSV reader in public benchmarks. */
    FASTCSV("fastcsv", "FastCSV loop + HashMap", true) {
        @Override
        Tally run(Path file) throws IOException {
            UserCounter counter = new UserCounter();
            try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
                boolean header = true;
                for (CsvRecord record : reader) {
                    if (header) {
                        header = false;
                    } else {
                        counter.add(record.getField(USER_COLUMN));
                    }
                }
            }
            return counter.tally();
        }
    },

    /** The simplest hand loop: no quote handling at all. */
    READLINE_INDEXOF("readline-indexof", "`BufferedReader.readLine` + `indexOf` + HashMap", true) {
        @Override
        Tally run(Path file) throws IOException {
            UserCounter counter = new UserCounter();
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                reader.readLine();
                String line;
                while ((line = reader.readLine()) != null) {
                    int first = line.indexOf(',');
                    int second = line.indexOf(',', first + 1);
                    counter.add(line.substring(first + 1, second));
                }
            }
            return counter.tally();
        }
    },

    /** A byte-level scan without Strings: the ceiling of one JVM thread (see {@link ByteScanner}). */
    BYTE_SCAN("byte-scan", "byte-level scan, quote-aware, no Strings (ceiling)", true) {
        @Override
        Tally run(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return new ByteScanner(USER_COLUMN).scan(in);
            }
        }
    },

    /** analytics-core with only the user-activity analysis. */
    CORE_USERS("core-users", "analytics-core, user activity only", true) {
        @Override
        Tally run(Path file) throws Exception {
            return CoreCandidates.userActivity(file);
        }
    },

    /** analytics-core with every analysis. */
    CORE_FULL("core-full", "analytics-core, full analysis", true) {
        @Override
        Tally run(Path file) throws Exception {
            return CoreCandidates.full(file);
        }
    };

    private static final int USER_COLUMN = 1;

    private final String id;
    private final String label;
    private final boolean inJvm;

    Candidate(String id, String label, boolean inJvm) {
        this.id = id;
        this.label = label;
        this.inJvm = inJvm;
    }

    /** Reads the file once and returns what was counted. */
    abstract Tally run(Path file) throws Exception;

    /** The short name used on the command line. */
    public String id() {
        return id;
    }

    /** The name in the report. */
    public String label() {
        return label;
    }

    /** Whether the candidate runs inside a JVM (and so has a heap to measure). */
    public boolean inJvm() {
        return inJvm;
    }

    /** The candidate of the given {@link #id()}. */
    public static Candidate byId(String id) {
        for (Candidate candidate : values()) {
            if (candidate.id.equals(id.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown candidate '" + id + "'; known: " + knownIds());
    }

    static String knownIds() {
        StringBuilder ids = new StringBuilder();
        for (Candidate candidate : values()) {
            ids.append(ids.isEmpty() ? "" : ", ").append(candidate.id);
        }
        return ids.toString();
    }

    private static Tally duckDb(Path file, int threads) throws SQLException {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            long events = 0;
            long users = 0;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT user_id, count(*) FROM read_csv('" + path + "') GROUP BY user_id")) {
                while (rows.next()) {
                    events += rows.getLong(2);
                    users++;
                }
            }
            return new Tally(events, users);
        }
    }
}
