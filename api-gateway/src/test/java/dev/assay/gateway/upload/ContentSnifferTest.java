package dev.assay.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    @Test
    void acceptsEveryFileOfTheCorpusIncludingStrayNulsUtf16AndGzip() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "the shared corpus is beside the repository");
        List<Path> files;
        try (Stream<Path> listing = Files.list(CORPUS)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] sample;
            try (InputStream in = Files.newInputStream(file)) {
                sample = in.readNBytes(ContentSniffer.SAMPLE);
            }
            assertThat(ContentSniffer.rejection(sample, sample.length)).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void refusesImagesArchivesAndExecutablesByTheirMagicNumbers() {
        assertThat(rejection(0x89, 'P', 'N', 'G', '\r', '\n')).contains("PNG image");
        assertThat(rejection(0xFF, 0xD8, 0xFF, 0xE0)).contains("JPEG image");
        assertThat(rejection('%', 'P', 'D', 'F', '-', '1')).contains("PDF document");
        assertThat(rejection('P', 'K', 3, 4, 20, 0)).contains("ZIP archive");
        assertThat(rejection(0x7F, 'E', 'L', 'F', 2, 1)).contains("ELF executable");
    }

    @Test
    void refusesAFileFullOfNulBytesButNotGzipOrUtf16() throws IOException {
        byte[] binary = new byte[1024];
        for (int i = 0; i < binary.length; i += 3) {
            binary[i] = 7;
        }
        assertThat(ContentSniffer.rejection(binary, binary.length)).get().asString().contains("binary file");

        assertThat(rejection(0)).as("a single NUL").contains("binary file");
        assertThat(rejection(1, 2, 0, 7)).as("a few control bytes and nothing else").contains("binary file");
        assertThat(rejection('a', 0, '\n')).as("a short text with a stray NUL").isNull();

        byte[] utf16WithoutBom = "name,count\n".repeat(50).getBytes(StandardCharsets.UTF_16LE);
        assertThat(ContentSniffer.rejection(utf16WithoutBom, utf16WithoutBom.length)).isEmpty();
        assertThat(sniffed(gzip("name,count\na,1\n".getBytes(StandardCharsets.UTF_8))))
                .as("a small gzip file, NULs in its header and all").isEmpty();
    }

    @Test
    void refusesRandomBytesButNotTextWithStrayControlBytesOrColourCodes() {
        byte[] random = new byte[ContentSniffer.SAMPLE];
        new Random(42).nextBytes(random);
        assertThat(ContentSniffer.rejection(random, random.length)).get().asString().contains("binary file");

        byte[] colouredLog = "\u001b[32mINFO\u001b[0m 2026-12-03T10:00:00Z started\tok\r\n".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ContentSniffer.rejection(colouredLog, colouredLog.length)).isEmpty();
        byte[] strayControls = ("a,b\n1,2\u0001\n" + "x,y\n".repeat(200)).getBytes(StandardCharsets.UTF_8);
        assertThat(ContentSniffer.rejection(strayControls, strayControls.length)).isEmpty();
    }

    @Test
    void judgesGzipByWhatItsFirstBytesInflateTo() throws IOException {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        StringBuilder csv = new StringBuilder("user,amount\n");
        Random rows = new Random(8);
        for (int i = 0; i < 200_000; i++) {
            csv.append('u').append(rows.nextInt(1_000)).append(',').append(rows.nextInt(100_000)).append('\n');
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(sniffed(gzip(text))).as("gzipped text, cut after the sample").isEmpty();
        assertThat(sniffed(gzip(random))).get().asString().startsWith("Decompressed, this looks like a binary file");
        assertThat(sniffed(gzip(gzip(text)))).get().asString().contains("gzip file inside a gzip file");
        byte[] damaged = gzip(text);
        for (int i = 20; i < 200; i++) {
            damaged[i] = (byte) 0xFF;
        }
        assertThat(sniffed(damaged)).get().asString().contains("gzip file is damaged");
        assertThat(sniffed(new byte[] {0x1F, (byte) 0x8B})).as("the magic number alone").get().asString()
                .isEqualTo("This gzip file is truncated: it ends before its compressed data does.");
        assertThat(sniffed(java.util.Arrays.copyOf(gzip(text), 4000))).as("a small gzip file cut short").get()
                .asString().contains("truncated");
    }

    @Test
    void refusesRandomBytesBehindAUtf16ByteOrderMarkButNotUtf16Text() {
        byte[] random = new byte[ContentSniffer.SAMPLE];
        new Random(9).nextBytes(random);
        random[0] = (byte) 0xFF;
        random[1] = (byte) 0xFE;
        assertThat(ContentSniffer.rejection(random, random.length)).get().asString().contains("UTF-16");

        // Latin, CJK and emoji (surrogate pairs), cut in the middle of a pair at the end of the sample
        String lines = "name,city\nJosé,Zürich\n王小明,北京\n🙂 Ana,Lisboa 🚲\n".repeat(200);
        for (var charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] bom = charset == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] body = lines.getBytes(charset);
            byte[] text = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, text, 0, bom.length);
            System.arraycopy(body, 0, text, bom.length, body.length);
            assertThat(sniffed(text)).as(charset.name()).isEmpty();
        }
    }

    @Test
    void acceptsUtf32TextButNotRandomBytesBehindItsByteOrderMark() {
        String lines = "name,city\nJosé,東京\n".repeat(100);
        byte[] withoutBom = lines.getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        byte[] bigEndianWithBom = ("\uFEFF" + lines).getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
        byte[] littleEndianWithBom = ("\uFEFF" + lines).getBytes(java.nio.charset.Charset.forName("UTF-32LE"));

        for (byte[] utf32 : List.of(withoutBom, bigEndianWithBom, littleEndianWithBom)) {
            assertThat(sniffed(utf32)).isEmpty();
        }
        byte[] random = new byte[ContentSniffer.SAMPLE];
        new Random(10).nextBytes(random);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, 0, random, 0, 4);
        assertThat(sniffed(random)).get().asString().contains("not UTF-32 text");
        byte[] littleEndianIntegers = new byte[ContentSniffer.SAMPLE];
        for (int i = 0; i < littleEndianIntegers.length; i += 4) {
            littleEndianIntegers[i] = (byte) (i % 7);
        }
        assertThat(sniffed(littleEndianIntegers)).as("small integers are not UTF-32 text").get().asString()
                .contains("binary file");
    }

    /** Sniffs the first {@link ContentSniffer#SAMPLE} bytes, as an upload does. */
    private static java.util.Optional<String> sniffed(byte[] file) {
        int length = Math.min(file.length, ContentSniffer.SAMPLE);
        return ContentSniffer.rejection(java.util.Arrays.copyOf(file, length), length);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    private static String rejection(int... bytes) {
        byte[] sample = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            sample[i] = (byte) bytes[i];
        }
        return ContentSniffer.rejection(sample, sample.length).orElse(null);
    }
}
