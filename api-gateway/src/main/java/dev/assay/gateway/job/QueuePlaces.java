package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.protocol.JobStatus;
import org.springframework.stereotype.Component;

/**
 * The queue position and estimated start of QUEUED jobs. A job already dispatched stands behind the jobs dispatched
 * before it; a waiting job stands behind every dispatched one and the waiting ones {@link FairOrder} puts first.
 * The start is estimated from the mean duration of the latest completed jobs and the live workers' concurrency:
 * the job starts when as many places have freed as there are jobs running or in line before it, beyond the free
 * places.
 */
@Component
public class QueuePlaces {

    /** How many of the latest completed jobs the mean duration is taken from. */
    static final int RECENT_JOBS = 50;

    private final WaitingJobs waiting;
    private final WorkerRegistry workers;
    private final Clock clock;

    QueuePlaces(WaitingJobs waiting, WorkerRegistry workers, Clock clock) {
        this.waiting = waiting;
        this.workers = workers;
        this.clock = clock;
    }

    /** The places of these jobs, read once for all of them; {@link QueuePlace#NONE} for a job that is not QUEUED. */
    public Function<Job, QueuePlace> of(Collection<Job> jobs) {
        if (jobs.stream().noneMatch(job -> job.status() == JobStatus.QUEUED)) {
            return job -> QueuePlace.NONE;
        }
        Line line = new Line();
        return job -> job.status() == JobStatus.QUEUED ? line.placeOf(job) : QueuePlace.NONE;
    }

    /** The line as it is now: read once, then asked for each job. */
    private final class Line {

        private final Map<UUID, Integer> dispatched = new HashMap<>();
        private final List<FairOrder.Owner> owners;
        private final Map<String, FairOrder.Owner> ownerByName;
        private final Map<String, Map<UUID, Integer>> ranks = new HashMap<>();
        private final long processing = waiting.processing();
        private final int concurrency = workers.concurrency();
        private final Optional<Duration> meanDuration = waiting.recentMeanDuration(RECENT_JOBS);
        private final Instant now = clock.instant();

        Line() {
            List<UUID> inLine = waiting.dispatchedNotStarted();
            for (int i = 0; i < inLine.size(); i++) {
                dispatched.put(inLine.get(i), i + 1);
            }
            owners = waiting.owners(waiting.inFlightByOwner());
            ownerByName = owners.stream().collect(Collectors.toMap(FairOrder.Owner::name, owner -> owner));
        }

        QueuePlace placeOf(Job job) {
            Integer position = dispatched.get(job.id());
            if (position == null) {
                position = waitingPosition(job);
            }
            return position == null ? QueuePlace.NONE
                    : new QueuePlace(position, estimatedStart(position), concurrency > 0);
        }

        private Integer waitingPosition(Job job) {
            FairOrder.Owner owner = ownerByName.get(job.owner());
            Integer rank = ranks.computeIfAbsent(job.owner(), this::ranksOf).get(job.id());
            if (owner == null || rank == null) {
                return null; // dispatched or finished since the job was read
            }
            long place = FairOrder.placeAmongWaiting(owners, owner, rank);
            return Math.toIntExact(dispatched.size() + place);
        }

        private Map<UUID, Integer> ranksOf(String owner) {
            List<UUID> ids = waiting.waitingOf(owner);
            Map<UUID, Integer> rankOf = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                rankOf.put(ids.get(i), i + 1);
            }
            return rankOf;
        }

        private Instant estimatedStart(int position) {
            if (concurrency == 0 || meanDuration.isEmpty()) {
                return null;
            }
            long placesToFree = Math.max(0, processing + position - concurrency);
            return now.plus(meanDuration.get().multipliedBy(placesToFree).dividedBy(concurrency));
        }
    }
}
