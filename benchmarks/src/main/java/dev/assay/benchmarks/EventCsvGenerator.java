package dev.assay.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's event CSV {@code timestamp,user_id,action,bytes,status}: ISO-8601 UTC timestamps with
 * milliseconds, rising; {@value #USERS} distinct users drawn from a Zipf distribution (exponent 1, so the most
 * active user has about 10% of the events and the rarest about ten per million); weighted actions and HTTP statuses;
 * log-normal byte counts. The same seed and size always give the same bytes.
 *
 * <p>Every user appears at least once: the first {@value #USERS} rows visit each user in turn, then the Zipf draw
 * takes over. That keeps {@code distinct users = 10,000} exact for any file of more than about 0.5 MB, so every
 * candidate's answer can be checked against it.
 *
 * <p>Not thread-safe; use one instance per thread.
 */
public final class EventCsvGenerator {

    /** Distinct users in every generated file. */
    public static final int USERS = 10_000;

    /** The seed of the published figures. */
    public static final long DEFAULT_SEED = 20_261_203L;

    static final String HEADER = "timestamp,user_id,action,bytes,status\n";

    /** Bumped whenever the output for a given seed and size changes, so that stale files are regenerated. */
    private static final int FORMAT_VERSION = 1;

    private static final long START_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private static final byte[][] ACTIONS = bytes("view", "click", "search", "download", "upload", "login",
            "logout", "purchase");
    private static final double[] ACTION_CDF = cdf(50, 20, 10, 8, 5, 4, 2, 1);
    private static final byte[][] STATUSES = bytes("200", "304", "404", "201", "302", "500", "403");
    private static final double[] STATUS_CDF = cdf(85, 5, 4, 2, 2, 1.5, 0.5);

    private final long seed;
    private final double[] userCdf;
    private final byte[][] userIds;

    /** A generator with the given seed. */
    public EventCsvGenerator(long seed) {
        this.seed = seed;
        double[] weights = new double[USERS];
        for (int rank = 0; rank < USERS; rank++) {
            weights[rank] = 1.0 / (rank + 1);
        }
        this.userCdf = cdf(weights);
        this.userIds = new byte[USERS][];
        for (int rank = 0; rank < USERS; rank++) {
            // A bijection of ranks onto 6-digit ids, so that the most active user is not simply "u000001".
            long id = (rank * 7_919L + 104_729L) % 999_983L;
            userIds[rank] = String.format("u%06d", id).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Writes whole rows, header first, until the next row would take the output past {@code targetBytes}.
     *
     * @return how much was written
     */
    public Written write(OutputStream out, long targetBytes) throws IOException {
        if (targetBytes < HEADER.length()) {
            throw new IllegalArgumentException("targetBytes must hold at least the header, got " + targetBytes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        RowBuffer buffer = new RowBuffer(out);
        buffer.put(HEADER.getBytes(StandardCharsets.US_ASCII));
        long written = HEADER.length();
        long rows = 0;
        long millis = START_EPOCH_MILLIS;
        long cachedDay = Long.MIN_VALUE;
        byte[] datePrefix = null;
        byte[] row = new byte[128];
        for (long index = 0; ; index++) {
            millis += random.nextInt(100);
            long day = Math.floorDiv(millis, MILLIS_PER_DAY);
            if (day != cachedDay) {
                cachedDay = day;
                datePrefix = (LocalDate.ofEpochDay(day) + "T").getBytes(StandardCharsets.US_ASCII);
            }
            int rank = index < USERS ? (int) index : draw(userCdf, random.nextDouble());
            int action = draw(ACTION_CDF, random.nextDouble());
            int status = draw(STATUS_CDF, random.nextDouble());
            long bytes = Math.round(Math.exp(7.5 + 1.3 * random.nextGaussian()));

            int length = 0;
            System.arraycopy(datePrefix, 0, row, 0, datePrefix.length);
            length += datePrefix.length;
            length = timeOfDay(row, length, (int) Math.floorMod(millis, MILLIS_PER_DAY));
            row[length++] = ',';
            length = copy(userIds[rank], row, length);
            row[length++] = ',';
            length = copy(ACTIONS[action], row, length);
            row[length++] = ',';
            length = digits(bytes, row, length);
            row[length++] = ',';
            length = copy(STATUSES[status], row, length);
            row[length++] = '\n';

            if (written + length > targetBytes) {
                break;
            }
            buffer.put(row, length);
            written += length;
            rows++;
        }
        buffer.flush();
        return new Written(written, rows);
    }

    /**
     * Returns {@code dir/name}, generating it first unless a complete file of this seed, size and format version
     * is already there (a marker file beside it says so). Writes to a temporary file and moves it into place, so
     * an interrupted run never leaves a truncated file that looks complete.
     *
     * @return the file and what it holds
     */
    public GeneratedFile ensure(Path dir, String name, long targetBytes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Path marker = dir.resolve(name + ".properties");
        Properties wanted = new Properties();
        wanted.setProperty("seed", Long.toString(seed));
        wanted.setProperty("targetBytes", Long.toString(targetBytes));
        wanted.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
        if (Files.exists(file) && Files.exists(marker)) {
            Properties found = new Properties();
            try (var in = Files.newInputStream(marker)) {
                found.load(in);
            }
            String size = (String) found.remove("bytes");
            String rows = (String) found.remove("rows");
            if (found.equals(wanted) && size != null && rows != null && Long.parseLong(size) == Files.size(file)) {
                return new GeneratedFile(file, Long.parseLong(size), Long.parseLong(rows));
            }
        }
        Files.deleteIfExists(marker);
        Path temporary = dir.resolve(name + ".tmp");
        Written written;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            written = write(out, targetBytes);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        wanted.setProperty("bytes", Long.toString(written.bytes()));
        wanted.setProperty("rows", Long.toString(written.rows()));
        try (var out = Files.newOutputStream(marker)) {
            wanted.store(out, "event CSV generated by " + EventCsvGenerator.class.getName());
        }
        return new GeneratedFile(file, written.bytes(), written.rows());
    }

    /**
     * @param bytes bytes written, header included
     * @param rows  data rows written (events), header excluded
     */
    public record Written(long bytes, long rows) {
    }

    /**
     * @param path  the file
     * @param bytes its size
     * @param rows  its data rows (events), header excluded
     */
    public record GeneratedFile(Path path, long bytes, long rows) {
    }

    private static int timeOfDay(byte[] row, int at, int millisOfDay) {
        int hours = millisOfDay / 3_600_000;
        int minutes = millisOfDay / 60_000 % 60;
        int seconds = millisOfDay / 1_000 % 60;
        int millis = millisOfDay % 1_000;
        at = twoDigits(row, at, hours);
        row[at++] = ':';
        at = twoDigits(row, at, minutes);
        row[at++] = ':';
        at = twoDigits(row, at, seconds);
        row[at++] = '.';
        row[at++] = (byte) ('0' + millis / 100);
        at = twoDigits(row, at, millis % 100);
        row[at++] = 'Z';
        return at;
    }

    private static int twoDigits(byte[] row, int at, int value) {
        row[at] = (byte) ('0' + value / 10);
        row[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    private static int digits(long value, byte[] row, int at) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = length - 1; i >= 0; i--) {
            row[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }

    private static int copy(byte[] source, byte[] row, int at) {
        System.arraycopy(source, 0, row, at, source.length);
        return at + source.length;
    }

    private static int draw(double[] cdf, double uniform) {
        int index = Arrays.binarySearch(cdf, uniform);
        return Math.min(index >= 0 ? index : -index - 1, cdf.length - 1);
    }

    private static double[] cdf(double... weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double[] cdf = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cdf[i] = running / total;
        }
        return cdf;
    }

    private static byte[][] bytes(String... values) {
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }

    /** A plain byte buffer in front of the stream: BufferedOutputStream's synchronisation costs here. */
    private static final class RowBuffer {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int size;

        RowBuffer(OutputStream out) {
            this.out = out;
        }

        void put(byte[] bytes) throws IOException {
            put(bytes, bytes.length);
        }

        void put(byte[] bytes, int length) throws IOException {
            if (size + length > buffer.length) {
                flush();
            }
            System.arraycopy(bytes, 0, buffer, size, length);
            size += length;
        }

        void flush() throws IOException {
            out.write(buffer, 0, size);
            size = 0;
            out.flush();
        }
    }
}
