package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.assay.gateway.cluster.WorkerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands waiting jobs to the {@link JobQueue} so that every user with waiting jobs gets a fair share of the workers.
 * Accepted jobs stay QUEUED and unpublished in the database; a dispatch round publishes only as many as the fleet
 * can start soon (the workers' advertised concurrency plus {@link DispatchProperties#prefetch()}, minus the jobs in
 * flight), choosing them by {@link FairOrder}. Each job is claimed with {@code FOR UPDATE SKIP LOCKED}, so the
 * dispatchers of several gateways never publish the same job twice; under a race they may together exceed the
 * target by a job or two, which only costs a little fairness.
 * <p>
 * A round runs on one thread of its own, {@link #kick() kicked} when jobs are accepted or finish here, and every
 * {@link DispatchProperties#tickInterval()} for what happens elsewhere (another gateway, a broker that is back, a
 * job put back by the sweeper). A job the queue refuses stays waiting for a later round.
 */
@Component
public class FairDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FairDispatcher.class);

    private final JobRepository jobs;
    private final WaitingJobs waiting;
    private final JobQueue queue;
    private final WorkerRegistry workers;
    private final DispatchProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread dispatcher = new Thread(runnable, "assay-dispatcher");
        dispatcher.setDaemon(true);
        return dispatcher;
    });
    private final AtomicBoolean roundRequested = new AtomicBoolean();

    FairDispatcher(JobRepository jobs, WaitingJobs waiting, JobQueue queue, WorkerRegistry workers,
            DispatchProperties properties, TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.waiting = waiting;
        this.queue = queue;
        this.workers = workers;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Asks for a dispatch round soon, on the dispatcher's thread; kicks during a round make one more round. */
    public void kick() {
        if (roundRequested.compareAndSet(false, true)) {
            try {
                thread.execute(this::requestedRound);
            } catch (RejectedExecutionException e) {
                log.debug("Dispatcher stopped; round not run");
            }
        }
    }

    @EventListener
    void onJobFinished(JobFinished finished) {
        kick();
    }

    @Scheduled(fixedDelayString = "${assay.dispatch.tick-interval:1s}",
            initialDelayString = "${assay.dispatch.tick-interval:1s}")
    void tick() {
        kick();
    }

    private void requestedRound() {
        roundRequested.set(false);
        try {
            dispatchRound();
        } catch (RuntimeException e) {
            log.warn("Dispatch round failed; the next one tries again: {}", e.getMessage());
        }
    }

    /**
     * Dispatches as many waiting jobs as the fleet can take now, in fair order.
     *
     * @return the jobs dispatched
     */
    int dispatchRound() {
        Map<String, Long> inFlight = waiting.inFlightByOwner();
        long free = target() - inFlight.values().stream().mapToLong(Long::longValue).sum();
        if (free <= 0) {
            return 0;
        }
        List<String> plan = FairOrder.plan(waiting.owners(inFlight), (int) free, properties.perUserMaxInFlight());
        Map<String, Instant> lastOfOwner = new LinkedHashMap<>();
        int dispatched = 0;
        for (String owner : plan) {
            Optional<Instant> at;
            try {
                at = transactions.execute(status -> dispatchNextOf(owner));
            } catch (RuntimeException e) {
                log.warn("Waiting jobs are kept and dispatched later: {}", e.getMessage());
                break;
            }
            if (at.isPresent()) {
                lastOfOwner.put(owner, at.get());
                dispatched++;
            }
        }
        if (!lastOfOwner.isEmpty()) {
            transactions.executeWithoutResult(status -> lastOfOwner.forEach(waiting::recordDispatch));
        }
        return dispatched;
    }

    /** The jobs that may be in flight at once: what the live workers run at a time, plus the prefetch margin. */
    int target() {
        int concurrency = workers.concurrency();
        return Math.max(1, concurrency + properties.prefetch());
    }

    private Optional<Instant> dispatchNextOf(String owner) {
        Optional<Job> next = jobs.claimNext(owner);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Job job = next.get();
        Instant now = clock.instant();
        queue.enqueue(job.toRequest(now));
        jobs.markPublished(job.id(), job.seq(), now);
        return Optional.of(now);
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
