package dev.assay.gateway.upload;

import java.security.Principal;
import java.util.List;

import dev.assay.gateway.job.JobService;
import dev.assay.gateway.job.JobView;
import dev.assay.gateway.quota.Quotas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/jobs}: one job per uploaded file, within the caller's quotas. Counts upload requests by outcome
 * ({@code assay.uploads}: accepted, rejected by a check or a limit, failed otherwise) and the bytes of accepted files
 * ({@code assay.upload.bytes}).
 */
@RestController
class UploadController {

    private final UploadReceiver receiver;
    private final JobService jobs;
    private final Quotas quotas;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter failed;
    private final Counter acceptedBytes;

    UploadController(UploadReceiver receiver, JobService jobs, Quotas quotas, MeterRegistry registry) {
        this.receiver = receiver;
        this.jobs = jobs;
        this.quotas = quotas;
        this.accepted = uploads(registry, "accepted");
        this.rejected = uploads(registry, "rejected");
        this.failed = uploads(registry, "failed");
        this.acceptedBytes = Counter.builder("assay.upload.bytes")
                .baseUnit("bytes")
                .description("Bytes of the files of accepted uploads")
                .register(registry);
    }

    private static Counter uploads(MeterRegistry registry, String outcome) {
        return Counter.builder("assay.uploads")
                .tag("outcome", outcome)
                .description("Upload requests by outcome")
                .register(registry);
    }

    // No "consumes": a request that is not multipart gets the receiver's 400 problem, not a bare 415.
    @PostMapping("/api/jobs")
    @Operation(summary = "Upload files; each becomes a job analysed in the background",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted upload(HttpServletRequest request, Principal user) {
        try {
            Accepted created = admitAndSubmit(request, user);
            accepted.increment();
            acceptedBytes.increment(created.jobs().stream().mapToLong(JobView::sizeBytes).sum());
            return created;
        } catch (UploadRejectedException e) {
            rejected.increment(); // a check or a limit, the storage quota's 507 included
            throw e;
        } catch (ErrorResponseException e) {
            (e.getStatusCode().is4xxClientError() ? rejected : failed).increment();
            throw e;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
    }

    private Accepted admitAndSubmit(HttpServletRequest request, Principal user) {
        Quotas.Allowance allowance = quotas.admitUpload(user.getName());
        Upload upload = receiver.receive(request, allowance.quota().maxFileBytes(), allowance.storageLeft());
        try {
            if (upload.files().size() > allowance.jobsLeft()) {
                throw quotas.tooManyActiveJobs(allowance.quota(), upload.files().size());
            }
            return new Accepted(jobs.submit(user.getName(), upload.files(), upload.options()).stream()
                    .map(JobView::of).toList());
        } catch (RuntimeException e) {
            receiver.discard(upload.files());
            throw e;
        }
    }

    /** The jobs created by one upload. */
    record Accepted(List<JobView> jobs) {
    }
}
