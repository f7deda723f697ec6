package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.protocol.JobRequested;
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
 * can start soon (the live workers' advertised concurrency plus {@link DispatchProperties#prefetch()}, minus the jobs
 * in flight; nothing while no worker is live), choosing them by {@link FairOrder}. A round claims its jobs with
 * {@code FOR UPDATE SKIP LOCKED}, so the dispatchers of several gateways never publish the same job twice (under a
 * race they may together exceed the target by a job or two, which only costs a little fairness), and publishes them
 * together, waiting once for the broker's confirms rather than once per job.
 * <p>
 * A round runs on one thread of its own, {@link #kick() kicked} when jobs are accepted or finish here, and every
 * {@link DispatchProperties#tickInterval()} for what happens elsewhere (another gateway, a broker that is back, a
 * job put back by the sweeper). A job the queue refuses stays waiting for a later round.
 */
@Component
public class FairDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FairDispatcher.class);

    /**
     * Least time between the starts of two rounds. Under load every finished job kicks the dispatcher; without a gap
     * each round would hand out one job for the price of a full round (two counting queries, a claim, a confirm),
     * which cost the standalone mode a quarter of its throughput. A lone upload still starts a round at once.
     */
    static final Duration ROUND_GAP = Duration.ofMillis(20);

    private final JobRepository jobs;
    private final WaitingJobs waiting;
    private final JobQueue queue;
    private final WorkerRegistry workers;
    private final DispatchProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread dispatcher = new Thread(runnable, "assay-dispatcher");
        dispatcher.setDaemon(true);
        return dispatcher;
    });
    private final AtomicBoolean roundRequested = new AtomicBoolean();
    /** When the latest round started ({@link System#nanoTime()}); written by the dispatcher's thread only. */
    private volatile long lastRoundAt = System.nanoTime() - ROUND_GAP.toNanos();

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

    /**
     * Asks for a dispatch round on the dispatcher's thread: at once, or {@link #ROUND_GAP} after the latest round
     * started; kicks until then are served by that one round.
     */
    public void kick() {
        if (roundRequested.compareAndSet(false, true)) {
            long wait = lastRoundAt + ROUND_GAP.toNanos() - System.nanoTime();
            try {
                thread.schedule(this::requestedRound, Math.max(0, wait), TimeUnit.NANOSECONDS);
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
        lastRoundAt = System.nanoTime();
        try {
            dispatchRound();
        } catch (RuntimeException e) {
            log.warn("Dispatch round failed; the next one tries again: {}", e.getMessage());
        }
    }

    /**
     * Dispatches as many waiting jobs as the fleet can take now, in fair order, in one transaction: the planned jobs
     * are claimed, published together, and those the queue took are marked published; the rest stay waiting.
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
        if (plan.isEmpty()) {
            return 0;
        }
        try {
            return transactions.execute(status -> dispatch(plan));
        } catch (RuntimeException e) {
            log.warn("Waiting jobs are kept and dispatched later: {}", e.getMessage());
            return 0;
        }
    }

    private int dispatch(List<String> plan) {
        List<Job> claimed = claim(plan);
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<JobRequested> taken = queue.enqueueAll(claimed.stream().map(job -> job.toRequest(now)).toList());
        Map<String, Instant> lastOfOwner = new LinkedHashMap<>();
        for (int turn = 0; turn < taken.size(); turn++) {
            JobRequested request = taken.get(turn);
            // a microsecond per turn (the database's resolution) keeps the round's turn order: for the next round,
            // and for the places in line of the jobs published and not started yet
            Instant at = now.plus(turn, ChronoUnit.MICROS);
            jobs.markPublished(request.jobId(), request.baseSeq(), at);
            lastOfOwner.put(request.owner(), at);
        }
        lastOfOwner.forEach(waiting::recordDispatch);
        return taken.size();
    }

    /** Claims each owner's share of the plan, oldest jobs first, and lines them up in the plan's turn order. */
    private List<Job> claim(List<String> plan) {
        Map<String, Long> shares = plan.stream()
                .collect(Collectors.groupingBy(owner -> owner, LinkedHashMap::new, Collectors.counting()));
        Map<String, Iterator<Job>> claimedOf = new HashMap<>();
        shares.forEach((owner, share) -> claimedOf.put(owner, jobs.claimNext(owner, share.intValue()).iterator()));
        List<Job> lineUp = new ArrayList<>(plan.size());
        for (String owner : plan) {
            Iterator<Job> next = claimedOf.get(owner);
            if (next.hasNext()) {
                lineUp.add(next.next());
            }
        }
        return lineUp;
    }

    /**
     * The jobs that may be in flight at once: what the live workers run at a time, plus the prefetch margin; none
     * while no worker is live, so that a job waits in the database, where a cancel stops it for sure, rather than in
     * the broker, where a worker started later would take it without having heard the cancel.
     */
    int target() {
        int concurrency = workers.concurrency();
        return concurrency == 0 ? 0 : concurrency + properties.prefetch();
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
