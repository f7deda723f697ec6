package dev.assay.gateway.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.UUID;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobAccess;
import dev.assay.gateway.job.JobExpiredException;
import dev.assay.gateway.job.JobService;
import dev.assay.gateway.storage.FileStore;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Downloads of a job: the uploaded file as it was stored, and the column profile as CSV. Both are attachments with
 * an RFC 6266 file name derived from the client's name, which is never used as a path.
 */
@RestController
class JobDownloadController {

    private final JobService jobs;
    private final JobAccess access;
    private final FileStore files;
    private final ObjectMapper json;

    JobDownloadController(JobService jobs, JobAccess access, FileStore files, ObjectMapper json) {
        this.jobs = jobs;
        this.access = access;
        this.files = files;
        this.json = json;
    }

    @GetMapping("/api/jobs/{id}/file")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id, Authentication user) throws IOException {
        Job job = jobs.kept(id, access.ownerFor(id, user));
        InputStream content;
        try {
            content = files.open(job.storageKey());
        } catch (NoSuchFileException e) {
            throw new JobExpiredException(id);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(job.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(job.fileName()))
                .body(new InputStreamResource(content));
    }

    @GetMapping("/api/jobs/{id}/result.csv")
    ResponseEntity<byte[]> resultCsv(@PathVariable UUID id, Authentication user) {
        String owner = access.ownerFor(id, user);
        Job job = jobs.get(id, owner);
        String csv = ProfileCsv.of(json.readTree(jobs.result(id, owner)));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(job.fileName() + ".profile.csv"))
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }
}
