package dev.assay.gateway.standalone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.assay.gateway.cluster.JobBacklog;
import dev.assay.gateway.job.EventBus;
import dev.assay.gateway.job.JobCanceller;
import dev.assay.gateway.job.JobQueue;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.EventSink;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.RetryableJobException;
import dev.assay.worker.job.WorkerIdentity;
import dev.assay.worker.metrics.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The standalone mode's workers: a pool of threads in the gateway's process that runs the cluster workers'
 * {@link JobProcessor} on each job handed to it, so there is no job logic here, only delivery.
 * <ul>
 *   <li>{@link JobQueue}: a job waits in the pool's queue until a thread is free; a job already waiting or running
 *       here is not taken twice.</li>
 *   <li>{@link JobCanceller}: a running or waiting job is flagged; the processor ends it CANCELLED.</li>
 *   <li>On start, the jobs left PROCESSING by an earlier run are taken again, and those handed to the pool but still
 *       QUEUED go back to the dispatcher, so nothing accepted is lost across a restart.</li>
 *   <li>A job whose terminal event could not be stored is tried again later, from its stored state, up to
 *       {@link Topology#JOBS_DELIVERY_LIMIT} times (like a redelivered message in a cluster), and then FAILED.</li>
 *   <li>A heartbeat of the pool reaches the cluster view's worker registry as it starts and every heartbeat
 *       interval, so the pool shows in {@code GET /api/cluster} as one worker and the dispatcher, which hands out
 *       nothing while no worker is live, serves it from the start.</li>
 *   <li>On stop, waiting jobs are left for the next start; running jobs get the shutdown timeout to finish, and
 *       those still running then are abandoned without a terminal state, to be taken again at the next start.</li>
 * </ul>
 */
final class LocalWorkerPool implements JobQueue, JobCanceller, JobBacklog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkerPool.class);

    private final JobProcessor processor;
    private final EventBus events;
    private final UnfinishedJobs unfinishedJobs;
    private final Consumer<WorkerHeartbeat> heartbeats;
    private final WorkerIdentity identity;
    private final Settings settings;
    private final ActiveJobs active;
    private final JobMetrics metrics;

    private final Set<UUID> taken = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelledWhileWaiting = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> failedAttempts = new ConcurrentHashMap<>();

    private volatile ThreadPoolExecutor executor;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;
    private volatile boolean abandoning;

    /**
     * How the pool runs.
     *
     * @param concurrency       threads, each processing one job at a time
     * @param heartbeatInterval time between two heartbeats of the pool
     * @param shutdownTimeout   how long running jobs may take to finish when the pool stops
     * @param retryDelay        the wait before the first new attempt at a job that did not finish; it grows with
     *                          each attempt
     */
    record Settings(int concurrency, Duration heartbeatInterval, Duration shutdownTimeout, Duration retryDelay) {
    }

    /**
     * @param processors     makes the job processor, given the sink its events must go to
     * @param events         where the jobs' events go: persisted and pushed
     * @param unfinishedJobs the jobs to take again at start and on retry, from their stored state
     * @param heartbeats     where the pool's heartbeats go: the cluster view's registry
     * @param registry       where the pool's job metrics go, the same a worker process reports
     */
    LocalWorkerPool(Function<EventSink, JobProcessor> processors, EventBus events, UnfinishedJobs unfinishedJobs,
            Consumer<WorkerHeartbeat> heartbeats, WorkerIdentity identity, Settings settings, MeterRegistry registry) {
        this.processor = processors.apply(this::publish);
        this.events = events;
        this.unfinishedJobs = unfinishedJobs;
        this.heartbeats = heartbeats;
        this.identity = identity;
        this.settings = settings;
        this.active = new ActiveJobs();
        this.metrics = new JobMetrics(registry, active);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads("assay-local-worker-"));
        scheduler = Executors.newSingleThreadScheduledExecutor(threads("assay-local-worker-timer-"));
        abandoning = false;
        running = true;
        // the first heartbeat before the pool takes work: the dispatcher hands out nothing until a worker is live
        heartbeat();
        long interval = settings.heartbeatInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        int released = unfinishedJobs.releaseDispatched();
        List<JobRequested> interrupted = unfinishedJobs.interrupted();
        if (released + interrupted.size() > 0) {
            log.info("Taking again {} job(s) interrupted by the previous run; {} queued job(s) wait for dispatch again",
                    interrupted.size(), released);
        }
        interrupted.forEach(this::enqueue);
        log.info("Local worker pool {} started with {} thread(s)", identity.workerId(), settings.concurrency());
    }

    @Override
    public void enqueue(JobRequested request) {
        ThreadPoolExecutor pool = executor;
        if (!running || pool == null) {
            throw new IllegalStateException("The local worker pool is not running; job " + request.jobId()
                    + " is taken again at the next start");
        }
        if (!taken.add(request.jobId())) {
            log.debug("Job {} is already waiting or running here", request.jobId());
            return;
        }
        try {
            pool.execute(() -> process(request));
        } catch (RejectedExecutionException e) {
            taken.remove(request.jobId());
            throw new IllegalStateException("The local worker pool is stopping; job " + request.jobId()
                    + " is taken again at the next start", e);
        }
    }

    @Override
    public void cancel(UUID jobId, long seq) {
        if (!active.cancel(jobId) && taken.contains(jobId)) {
            cancelledWhileWaiting.add(jobId);
        }
    }

    @Override
    public OptionalLong waitingJobs() {
        ThreadPoolExecutor pool = executor;
        return OptionalLong.of(pool == null ? 0 : pool.getQueue().size());
    }

    private void process(JobRequested request) {
        UUID jobId = request.jobId();
        boolean retry = false;
        try (ActiveJobs.ActiveJob job = active.start(jobId).orElse(null)) {
            if (job == null) {
                return;
            }
            long started = System.nanoTime();
            try {
                JobEvent terminal = processor.process(request, () -> abandoning || job.isCancelled()
                        || cancelledWhileWaiting.contains(jobId));
                job.markDone();
                metrics.finished(terminal, Duration.ofNanos(System.nanoTime() - started));
                failedAttempts.remove(jobId);
            } catch (RetryableJobException e) {
                if (abandoning) {
                    log.info("Job {} abandoned at shutdown; it is taken again at the next start", jobId);
                } else {
                    log.warn("Job {} did not finish: {}", jobId, e.getMessage());
                    retry = true;
                }
            } catch (RuntimeException e) {
                log.error("Job {} could not be processed", jobId, e);
                retry = true;
            }
        } finally {
            taken.remove(jobId);
            cancelledWhileWaiting.remove(jobId);
        }
        if (retry) {
            retryLater(jobId);
        }
    }

    private void retryLater(UUID jobId) {
        int attempts = failedAttempts.merge(jobId, 1, Integer::sum);
        ScheduledExecutorService timer = scheduler;
        if (!running || timer == null) {
            return;
        }
        timer.schedule(() -> retry(jobId, attempts), settings.retryDelay().toMillis() * attempts,
                TimeUnit.MILLISECONDS);
    }

    private void retry(UUID jobId, int attempts) {
        try {
            unfinishedJobs.find(jobId).ifPresentOrElse(request -> {
                if (attempts < Topology.JOBS_DELIVERY_LIMIT) {
                    enqueue(request);
                } else {
                    failedAttempts.remove(jobId);
                    events.publish(failed(request, attempts));
                }
            }, () -> failedAttempts.remove(jobId));
        } catch (RuntimeException e) {
            log.warn("Job {} could not be taken again now; it is taken again at the next start: {}", jobId,
                    e.getMessage());
        }
    }

    private JobEvent failed(JobRequested request, int attempts) {
        log.error("Job {} failed {} times; giving up", request.jobId(), attempts);
        return new JobEvent(request.jobId(), request.owner(), JobStatus.FAILED, request.baseSeq() + 1, null, null,
                null, null, Instant.now(), identity.workerId(),
                "The job could not be finished after " + attempts + " attempts; see the server log", null);
    }

    /** Events of jobs being abandoned at shutdown are refused, so that such a job keeps its unfinished state. */
    private void publish(JobEvent event) {
        if (abandoning) {
            throw new IllegalStateException("The local worker pool is shutting down");
        }
        events.publish(event);
    }

    private void heartbeat() {
        try {
            List<UUID> jobIds = active.jobIds();
            heartbeats.accept(new WorkerHeartbeat(identity.workerId(), identity.host(), settings.concurrency(),
                    jobIds.size(), active.jobsDone(), Instant.now(), jobIds, settings.heartbeatInterval()));
        } catch (RuntimeException e) {
            log.warn("Heartbeat of the local worker pool failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        ThreadPoolExecutor pool = executor;
        int waiting = pool.getQueue().size();
        pool.getQueue().clear();
        pool.shutdown();
        scheduler.shutdownNow();
        if (waiting > 0) {
            log.info("{} waiting job(s) left for the next start", waiting);
        }
        try {
            if (!pool.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} job(s) still running after {}; abandoning them for the next start", active.count(),
                        settings.shutdownTimeout());
                abandoning = true;
                pool.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            taken.clear();
            cancelledWhileWaiting.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
