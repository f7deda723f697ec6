package dev.assay.gateway.cluster;

import java.util.OptionalLong;

import dev.assay.gateway.config.AssayProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cluster}: the workers, the backlog and the jobs per state. */
@RestController
class ClusterController {

    private final WorkerRegistry registry;
    private final JobBacklog backlog;
    private final JobCounts counts;
    private final String mode;

    ClusterController(WorkerRegistry registry, JobBacklog backlog, JobCounts counts,
            AssayProperties properties) {
        this.registry = registry;
        this.backlog = backlog;
        this.counts = counts;
        this.mode = properties.mode().id();
    }

    @GetMapping("/api/cluster")
    ClusterView cluster() {
        OptionalLong queueDepth = backlog.waitingJobs();
        return new ClusterView(mode,
                registry.liveWorkers().stream().map(ClusterView.Worker::of).toList(),
                queueDepth.isPresent() ? queueDepth.getAsLong() : null,
                counts.byStatus());
    }
}
