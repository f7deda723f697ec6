package dev.assay.gateway.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.assay.gateway.config.AssayProperties;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.storage.FileStore;
import dev.assay.gateway.storage.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads a multipart upload as a stream: each {@code files} part goes straight from the request into the
 * {@link FileStore} (never held in memory, never buffered by the container), text parts are analysis options.
 * Either every file of the request is stored, or none is: on any failure the files already stored are deleted.
 */
@Component
class UploadReceiver {

    static final String FILES_PART = "files";
    private static final Logger log = LoggerFactory.getLogger(UploadReceiver.class);
    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_FILE_NAME = 1024;
    /** Room for a part's headers with a long (and, in UTF-8, up to 4 bytes a character) file name. */
    private static final int MAX_PART_HEADER_BYTES = 16 * 1024;

    private final FileStore store;
    private final DataSize maxFileSize;
    private final int maxFiles;

    UploadReceiver(FileStore store, AssayProperties properties) {
        this.store = store;
        this.maxFileSize = properties.upload().maxFileSize();
        this.maxFiles = properties.upload().maxFiles();
    }

    /**
     * Stores the files of a multipart request.
     *
     * @throws UploadRejectedException 400 for a request that is not multipart, has no files or bad options, or
     *                                 breaks off; 413 for a file or a file count over the limits; 415 for a file
     *                                 that is evidently not text
     */
    Upload receive(HttpServletRequest request) {
        return receive(request, maxFileSize.toBytes(), Long.MAX_VALUE);
    }

    /**
     * Stores the files of a multipart request within a user's quotas.
     *
     * @param maxFileBytes largest file (413 above)
     * @param storageLeft  bytes all files of the request may take together (507 above)
     * @throws UploadRejectedException as {@link #receive(HttpServletRequest)}, and 507 over {@code storageLeft}
     */
    Upload receive(HttpServletRequest request, long maxFileBytes, long storageLeft) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw UploadRejectedException.badRequest(
                    "Send the files as multipart/form-data, each in a part named 'files'.");
        }
        JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
        parser.setMaxFileSize(maxFileBytes);
        StorageBudget budget = new StorageBudget(storageLeft);
        parser.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        List<NewFile> stored = new ArrayList<>();
        AnalysisOptions options = new AnalysisOptions();
        try {
            FileItemInputIterator items = parser.getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField() && FILES_PART.equals(item.getFieldName())) {
                    throw UploadRejectedException.badRequest("A part named 'files' has no file name, so it is text,"
                            + " not a file: send each file with its name (with curl: -F files=@report.csv).");
                } else if (item.isFormField()) {
                    options.put(item.getFieldName(), readField(item));
                } else if (!FILES_PART.equals(item.getFieldName())) {
                    throw UploadRejectedException.badRequest("Unexpected file part '" + item.getFieldName()
                            + "': files go in parts named 'files'.");
                } else if (clientName(item) == null || clientName(item).isBlank()) {
                    requireEmpty(item); // what a browser sends for a file input left empty
                } else {
                    if (stored.size() == maxFiles) {
                        throw new UploadRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Too many files",
                                "At most " + maxFiles + " files can be uploaded in one request.");
                    }
                    stored.add(storeFile(item, budget));
                }
            }
            if (stored.isEmpty()) {
                throw UploadRejectedException.badRequest(
                        "The request has no files: send one or more parts named 'files'.");
            }
            return new Upload(List.copyOf(stored), options.values());
        } catch (FileUploadSizeException e) {
            discard(stored);
            if (e.getPermitted() == MAX_PART_HEADER_BYTES) {
                throw UploadRejectedException.badRequest("The headers of a part (its file name, say) are longer than "
                        + MAX_PART_HEADER_BYTES / 1024 + " KB.");
            }
            throw new UploadRejectedException(HttpStatus.CONTENT_TOO_LARGE, "File too large",
                    "A file is larger than the limit of " + human(DataSize.ofBytes(maxFileBytes)) + ".", e);
        } catch (StorageBudget.Exceeded e) {
            discard(stored);
            throw new UploadRejectedException(HttpStatus.INSUFFICIENT_STORAGE, "Storage quota exceeded",
                    "This upload does not fit in your storage quota: " + human(DataSize.ofBytes(storageLeft))
                            + " are left. Delete some of your jobs to make room.", e);
        } catch (IOException e) {
            discard(stored);
            throw new UploadRejectedException(HttpStatus.BAD_REQUEST, "Broken upload",
                    "The upload is not well-formed multipart data or broke off: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    private NewFile storeFile(FileItemInput item, StorageBudget budget) throws IOException {
        String fileName = displayName(clientName(item));
        try (InputStream content = new BufferedInputStream(budget.count(item.getInputStream()), 64 * 1024)) {
            content.mark(ContentSniffer.SAMPLE);
            byte[] sample = content.readNBytes(ContentSniffer.SAMPLE);
            content.reset();
            Optional<String> rejection = ContentSniffer.rejection(sample, sample.length);
            if (rejection.isPresent()) {
                throw new UploadRejectedException(ContentSniffer.status(), "Unsupported file",
                        "'" + fileName + "' cannot be analysed. " + rejection.get());
            }
            StoredFile file = store.store(content);
            return new NewFile(fileName, file);
        }
    }

    /** The part's file name as sent; commons-fileupload refuses to return one with a NUL, but tells it. */
    private static String clientName(FileItemInput item) {
        try {
            return item.getName();
        } catch (InvalidPathException e) {
            return e.getInput();
        }
    }

    private static void requireEmpty(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            if (in.read() != -1) {
                throw UploadRejectedException.badRequest("A file was sent without a file name; give each file its"
                        + " name (with curl: -F files=@report.csv).");
            }
        }
    }

    /**
     * The client's file name as it is kept and shown: never a path (files are stored under generated keys), and NUL
     * replaced by U+FFFD because PostgreSQL text cannot hold it. Browsers and curl send a {@code "} in a file name as
     * {@code %22} (HTML's multipart/form-data encoding): it is turned back into the quote the user sees in their file
     * name.
     *
     * @throws UploadRejectedException (400) for a name longer than {@value #MAX_FILE_NAME} characters, which would
     *                                 not be kept whole
     */
    static String displayName(String clientName) {
        String name = clientName.replace("%22", "\"").replace('\u0000', '\uFFFD');
        if (name.length() > MAX_FILE_NAME) {
            throw UploadRejectedException.badRequest("A file name is " + name.length() + " characters long; at most "
                    + MAX_FILE_NAME + " are kept. Rename the file.");
        }
        return name;
    }

    private static String readField(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw UploadRejectedException.badRequest("The field '" + item.getFieldName() + "' is too long.");
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Deletes stored files of a request that is not going to become jobs. */
    void discard(List<NewFile> stored) {
        for (NewFile file : stored) {
            try {
                store.delete(file.stored().key());
            } catch (IOException e) {
                log.warn("Could not delete {} of a refused upload: {}", file.stored().key(), e.getMessage());
            }
        }
    }

    private static String human(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return size.toGigabytes() + " GB";
        }
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}
