package dev.assay.gateway.job;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.assay.protocol.JobStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's jobs (an administrator's: anyone's): list, read, result, cancel, retry, delete. Uploads are in
 * {@code upload}.
 */
@RestController
@RequestMapping("/api/jobs")
class JobController {

    private final JobService jobs;
    private final JobAccess access;
    private final QueuePlaces places;

    JobController(JobService jobs, JobAccess access, QueuePlaces places) {
        this.jobs = jobs;
        this.access = access;
        this.places = places;
    }

    @GetMapping
    PageView list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(required = false) JobStatus status, @RequestParam(required = false) String scope,
            Authentication user) {
        JobPage result = jobs.page(access.listScope(scope, user), status, page, size);
        Function<Job, QueuePlace> placeOf = places.of(result.items());
        return new PageView(result.items().stream().map(job -> JobView.of(job, placeOf.apply(job))).toList(),
                result.page(), result.size(),
                result.totalItems(), result.totalPages());
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable UUID id, Authentication user) {
        return withPlace(jobs.get(id, access.ownerFor(id, user)));
    }

    @GetMapping(path = "/{id}/result", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> result(@PathVariable UUID id, Authentication user) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(jobs.result(id, access.ownerFor(id, user)));
    }

    @PostMapping("/{id}/cancel")
    JobView cancel(@PathVariable UUID id, Authentication user) {
        return withPlace(jobs.cancel(id, access.ownerFor(id, user)));
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobView retry(@PathVariable UUID id, Authentication user) {
        return withPlace(jobs.retry(id, access.ownerFor(id, user)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Authentication user) {
        jobs.delete(id, access.ownerFor(id, user));
    }

    private JobView withPlace(Job job) {
        return JobView.of(job, places.of(List.of(job)).apply(job));
    }

    /** A page of jobs as the HTTP contract names its fields. */
    record PageView(List<JobView> items, int page, int size, long totalItems, long totalPages) {
    }
}
