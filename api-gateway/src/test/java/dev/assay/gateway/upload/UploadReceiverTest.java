package dev.assay.gateway.upload;

import static dev.assay.gateway.upload.MultipartBody.aMultipartBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.stream.Stream;

import dev.assay.gateway.config.AssayProperties;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.storage.FileSystemFileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class UploadReceiverTest {

    @TempDir
    Path storage;
    FileSystemFileStore store;
    UploadReceiver receiver;

    @BeforeEach
    void setUp() {
        store = new FileSystemFileStore(storage, Clock.systemUTC());
        receiver = receiverWithLimits(DataSize.ofKilobytes(64), 3);
    }

    private UploadReceiver receiverWithLimits(DataSize maxFileSize, int maxFiles) {
        return new UploadReceiver(store, new AssayProperties(AssayProperties.Mode.STANDALONE, "",
                new AssayProperties.Storage(storage), new AssayProperties.Upload(maxFileSize, maxFiles)));
    }

    private static StreamedRequest request(MultipartBody body) {
        return StreamedRequest.multipart(body.complete());
    }

    @Test
    void storesEveryFilePartWithItsSizeAndDigestAndKeepsTheOptions() throws IOException {
        Upload upload = receiver.receive(request(aMultipartBody()
                .field("delimiter", ";")
                .file("a.csv", "x;y\n1;2\n")
                .file("b.log", "hello\n")
                .field("userColumn", "x")
                .field("timestampColumn", "")));

        assertThat(upload.files()).extracting(NewFile::fileName).containsExactly("a.csv", "b.log");
        NewFile first = upload.files().get(0);
        assertThat(first.stored().sizeBytes()).isEqualTo(8);
        assertThat(first.stored().sha256()).isEqualTo(sha256("x;y\n1;2\n"));
        assertThat(first.stored().key()).matches("\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}").doesNotContain("a.csv");
        try (InputStream in = store.open(first.stored().key())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x;y\n1;2\n");
        }
        assertThat(upload.options()).containsOnly(
                java.util.Map.entry("delimiter", ";"), java.util.Map.entry("userColumn", "x"));
    }

    @Test
    void aLongFileNameIsKeptWhole() throws IOException {
        String longName = "x".repeat(600) + ".csv";

        Upload upload = receiver.receive(request(aMultipartBody().file(longName, "a\n1\n")));

        assertThat(upload.files()).extracting(NewFile::fileName).containsExactly(longName);
    }

    @Test
    void aFileNameTooLongToKeepWholeIsABadRequest() {
        assertRejected(request(aMultipartBody().file("x".repeat(1021) + ".csv", "a\n1\n")), HttpStatus.BAD_REQUEST,
                "A file name is 1025 characters long; at most 1024 are kept.");
    }

    @Test
    void aQuoteThatABrowserSentAsPercent22IsAQuoteAgain() throws IOException {
        Upload upload = receiver.receive(request(aMultipartBody()
                .file("отчёт %22квартал%22 報告.csv", "a\n1\n")
                .file("100% of 50%2.csv", "a\n1\n")));

        assertThat(upload.files()).extracting(NewFile::fileName)
                .containsExactly("отчёт \"квартал\" 報告.csv", "100% of 50%2.csv");
    }

    @Test
    void partHeadersBeyondTheirLimitAreABadRequestNotAFileTooLarge() {
        assertRejected(request(aMultipartBody().file("y".repeat(20_000) + ".csv", "a\n1\n")),
                HttpStatus.BAD_REQUEST, "headers of a part");
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNothingOfTheRequestIsKept() {
        assertRejected(request(aMultipartBody()
                .file("small.csv", "a\n1\n")
                .file("files", "big.csv", () -> new GeneratedText(DataSize.ofKilobytes(65).toBytes()))),
                HttpStatus.CONTENT_TOO_LARGE, "larger than the limit of 64 KB");
    }

    @Test
    void moreFilesThanAllowedAreRefusedWith413AndNothingIsKept() {
        assertRejected(request(aMultipartBody().file("1.csv", "a\n").file("2.csv", "a\n").file("3.csv", "a\n")
                .file("4.csv", "a\n")), HttpStatus.CONTENT_TOO_LARGE, "At most 3 files");
    }

    @Test
    void aRequestThatBreaksOffInTheMiddleOfAFileKeepsNothing() {
        InputStream brokenOff = new SequenceInputStream(
                aMultipartBody().file("first.csv", "a\n1\n").file("files", "second.csv",
                        () -> new GeneratedText(10_000)).truncated(),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                });
        assertRejected(StreamedRequest.multipart(brokenOff), HttpStatus.BAD_REQUEST, "broke off");
    }

    @Test
    void aBinaryFileIsRefusedWith415AndTheOthersOfTheRequestAreNotKept() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        assertRejected(request(aMultipartBody().file("ok.csv", "a\n1\n").file("files", "photo.csv", png)),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "PNG image");
    }

    @Test
    void aRequestWithoutFilesIsABadRequest() {
        assertRejected(request(aMultipartBody().field("delimiter", ",")), HttpStatus.BAD_REQUEST, "no files");
        assertRejected(request(aMultipartBody()), HttpStatus.BAD_REQUEST, "no files");
        assertRejected(request(aMultipartBody().file("files", "", new byte[0])), HttpStatus.BAD_REQUEST, "no files");
    }

    @Test
    void aFilesPartWithoutAFileNameIsABadRequestThatSaysHowToSendAFile() {
        assertRejected(request(aMultipartBody().field("files", "report.csv")), HttpStatus.BAD_REQUEST,
                "A part named 'files' has no file name, so it is text");
        assertRejected(request(aMultipartBody().file("files", "", "a\n1\n".getBytes(StandardCharsets.UTF_8))),
                HttpStatus.BAD_REQUEST, "A file was sent without a file name");
    }

    @Test
    void aRequestThatIsNotMultipartIsABadRequest() {
        MockHttpServletRequest json = new MockHttpServletRequest("POST", "/api/jobs");
        json.setContentType("application/json");
        json.setContent("{}".getBytes(StandardCharsets.UTF_8));
        assertRejected(json, HttpStatus.BAD_REQUEST, "multipart/form-data");
    }

    @Test
    void unknownFieldsAndBadOptionsAreBadRequests() {
        assertRejected(request(aMultipartBody().file("a.csv", "a\n").field("colour", "red")),
                HttpStatus.BAD_REQUEST, "Unknown field 'colour'");
        assertRejected(request(aMultipartBody().file("a.csv", "a\n").field("delimiter", ";;")),
                HttpStatus.BAD_REQUEST, "one character");
        for (String delimiter : new String[] {"\"", "é", "\n", " "}) {
            assertRejected(request(aMultipartBody().file("a.csv", "a\n").field("delimiter", delimiter)),
                    HttpStatus.BAD_REQUEST, "The delimiter must be an ASCII character other than a quote");
        }
        assertRejected(request(aMultipartBody().file("a.csv", "a\n").field("encoding", "no-such-charset")),
                HttpStatus.BAD_REQUEST, "Unknown encoding");
        assertRejected(request(aMultipartBody().file("a.csv", "a\n").field("userColumn", "/[/")),
                HttpStatus.BAD_REQUEST, "The option 'userColumn' /[/ is not a valid regular expression");
        assertRejected(request(aMultipartBody().file("other", "a.csv", "a\n".getBytes(StandardCharsets.UTF_8))),
                HttpStatus.BAD_REQUEST, "parts named 'files'");
    }

    @Test
    void tabMayBeGivenAsAWord() {
        Upload upload = receiver.receive(request(aMultipartBody().file("a.tsv", "a\tb\n").field("delimiter", "tab")));
        assertThat(upload.options()).containsEntry("delimiter", "\t");
    }

    private void assertRejected(jakarta.servlet.http.HttpServletRequest request, HttpStatus status, String detail) {
        assertThatThrownBy(() -> receiver.receive(request))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(status);
                    assertThat(e.getBody().getDetail()).contains(detail);
                });
        assertThat(filesIn(storage)).as("files left in the store").isEmpty();
    }

    static java.util.List<Path> filesIn(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
