package dev.assay.gateway.upload;

import java.security.Principal;
import java.util.List;

import dev.assay.gateway.job.JobService;
import dev.assay.gateway.job.JobView;
import dev.assay.gateway.quota.Quotas;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/jobs}: one job per uploaded file, within the caller's quotas. */
@RestController
class UploadController {

    private final UploadReceiver receiver;
    private final JobService jobs;
    private final Quotas quotas;

    UploadController(UploadReceiver receiver, JobService jobs, Quotas quotas) {
        this.receiver = receiver;
        this.jobs = jobs;
        this.quotas = quotas;
    }

    // No "consumes": a request that is not multipart gets the receiver's 400 problem, not a bare 415.
    @PostMapping("/api/jobs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted upload(HttpServletRequest request, Principal user) {
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
