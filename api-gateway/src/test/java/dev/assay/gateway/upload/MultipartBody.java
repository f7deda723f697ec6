package dev.assay.gateway.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** A multipart/form-data request body built part by part; file contents may be generated streams. */
final class MultipartBody {

    static final String BOUNDARY = "assay-test-boundary-7MA4YWxkTrZu0gW";

    private final List<Supplier<InputStream>> pieces = new ArrayList<>();

    static MultipartBody aMultipartBody() {
        return new MultipartBody();
    }

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    MultipartBody file(String fileName, String content) {
        return file("files", fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBody file(String part, String fileName, byte[] content) {
        return file(part, fileName, () -> new ByteArrayInputStream(content));
    }

    MultipartBody file(String part, String fileName, Supplier<InputStream> content) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        pieces.add(content);
        text("\r\n");
        return this;
    }

    MultipartBody field(String name, String value) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** The body so far, without the closing boundary: a request that broke off. */
    InputStream truncated() {
        return stream();
    }

    InputStream stream() {
        List<InputStream> streams = new ArrayList<>();
        for (Supplier<InputStream> piece : pieces) {
            streams.add(piece.get());
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    InputStream complete() {
        text("--" + BOUNDARY + "--\r\n");
        return stream();
    }

    byte[] bytes() {
        try (InputStream in = complete()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pieces.add(() -> new ByteArrayInputStream(bytes));
    }
}
