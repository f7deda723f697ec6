package dev.assay.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One load run against a running Assay: connects every user's dashboard (and the idle ones), waits until each
 * subscription is live, uploads every user's files with bounded concurrency per user, waits for every terminal
 * event on every connection of the job's owner, then checks and measures what it saw.
 */
final class LoadRun {

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DESTINATION = "/user/queue/jobs";
    private static final int MAX_PROBLEMS = 50;

    private final Options options;
    private final HttpClient http;
    private final Map<UUID, JobRecord> jobs = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger problemCount = new AtomicInteger();
    private final AtomicLong eventsPushed = new AtomicLong();
    private final AtomicInteger uploadErrors = new AtomicInteger();
    private final Map<String, List<String>> connectionsByUser = new ConcurrentHashMap<>();

    LoadRun(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    LoadResult run() throws InterruptedException {
        Instant startedAt = Instant.now();
        List<AssayClient> users = new ArrayList<>();
        for (int n = 1; n <= options.users(); n++) {
            users.add(new AssayClient(http, options.url(), options.userPrefix() + n, options.password(),
                    options.auth().equals("session")));
        }
        for (AssayClient user : users) {
            try {
                user.signIn();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("sign-in of " + user.user() + " failed: " + e, e);
            }
        }
        List<UploadFile> corpus = options.corpusShare() > 0
                ? UploadFile.corpus(options.corpus(), options.corpusMaxBytes()) : List.of();
        byte[] generated = UploadFile.generatedCsv(options.sizeBytes());

        List<StompConnection> connections = connect(users);
        MemorySampler memory = options.gatewayPid() > 0 ? MemorySampler.start(options.gatewayPid()) : null;
        long start = System.nanoTime();
        try {
            upload(users, generated, corpus);
            awaitTerminalEvents(options.timeout());
        } finally {
            connections.forEach(StompConnection::close);
            if (memory != null) {
                memory.stop();
            }
        }
        return measure(startedAt, start, users, connections.size(),
                memory == null ? null : memory.maxResidentMegabytes());
    }

    private List<StompConnection> connect(List<AssayClient> users) throws InterruptedException {
        URI ws = URI.create(options.url().toString().replaceFirst("^http", "ws") + "/ws");
        List<StompConnection> connections = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> opening = new ArrayList<>();
        int total = users.size() + options.idle();
        for (int k = 0; k < total; k++) {
            AssayClient user = users.get(k % users.size());
            boolean primary = k < users.size();
            String name = user.user() + "/" + (primary ? "dashboard" : "idle" + (k - users.size()));
            connectionsByUser.computeIfAbsent(user.user(), u -> Collections.synchronizedList(new ArrayList<>()))
                    .add(name);
            opening.add(pool.submit(() -> connections.add(StompConnection.open(http, ws, user.requestHeaders(),
                    user.connectHeaders(), DESTINATION, Duration.ofSeconds(30), name,
                    (body, at) -> onEvent(user.user(), name, primary, body, at), this::problem))));
        }
        pool.shutdown();
        try {
            for (Future<?> future : opening) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            connections.forEach(StompConnection::close);
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        log.info("{} STOMP connections subscribed to {}", connections.size(), DESTINATION);
        return connections;
    }

    private void onEvent(String user, String connection, boolean primary, String body, long receivedNanos) {
        eventsPushed.incrementAndGet();
        JsonNode event = JSON.readTree(body);
        UUID jobId = UUID.fromString(event.path("jobId").asString());
        String error = event.path("error").isString() ? event.path("error").asString() : null;
        jobs.computeIfAbsent(jobId, JobRecord::new)
                .event(user, connection, primary, event.path("status").asString(), error, receivedNanos);
    }

    private void upload(List<AssayClient> users, byte[] generated, List<UploadFile> corpus)
            throws InterruptedException {
        List<ExecutorService> pools = new ArrayList<>();
        AtomicInteger corpusTurn = new AtomicInteger();
        for (AssayClient user : users) {
            ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
            pools.add(pool);
            for (int i = 0; i < options.files(); i++) {
                boolean fromCorpus = !corpus.isEmpty()
                        && Math.floor((i + 1) * options.corpusShare()) > Math.floor(i * options.corpusShare());
                UploadFile file = fromCorpus
                        ? corpus.get(Math.floorMod(corpusTurn.getAndIncrement(), corpus.size()))
                        : new UploadFile(user.user() + "-" + i + ".csv", generated.length, generated, null);
                pool.submit(() -> uploadOne(user, file));
            }
        }
        for (ExecutorService pool : pools) {
            pool.shutdown();
        }
        for (ExecutorService pool : pools) {
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("uploads did not finish within an hour");
            }
        }
        log.info("uploads done: {} jobs accepted, {} upload errors", acceptedCount(), uploadErrors.get());
    }

    private void uploadOne(AssayClient user, UploadFile file) {
        long submitted = System.nanoTime();
        try {
            AssayClient.UploadAnswer answer = user.upload(file);
            long accepted = System.nanoTime();
            if (answer.status() != 202 || answer.problem() != null) {
                uploadErrors.incrementAndGet();
                problem(user.user() + " upload of " + file.name() + ": HTTP " + answer.status() + " "
                        + answer.problem());
                return;
            }
            for (UUID id : answer.jobIds()) {
                jobs.computeIfAbsent(id, JobRecord::new).accepted(user.user(), file.sizeBytes(), submitted, accepted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            uploadErrors.incrementAndGet();
            problem(user.user() + " upload of " + file.name() + " failed: " + e);
        }
    }

    private void awaitTerminalEvents(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !allTerminalEventsArrived()) {
            Thread.sleep(20);
        }
    }

    private boolean allTerminalEventsArrived() {
        for (JobRecord job : jobs.values()) {
            if (job.isAccepted()) {
                for (String connection : connectionsByUser.get(job.owner())) {
                    if (!job.hasTerminalOn(connection)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private LoadResult measure(Instant startedAt, long start, List<AssayClient> users, int connectionCount,
            Double gatewayMaxRssMb) throws InterruptedException {
        Map<String, AssayClient> clients = new LinkedHashMap<>();
        users.forEach(user -> clients.put(user.user(), user));
        List<JobRecord> accepted = jobs.values().stream().filter(JobRecord::isAccepted).toList();
        int completed = 0;
        int failed = 0;
        int lost = 0;
        int unfinished = 0;
        int foreign = 0;
        long bytes = 0;
        long end = start;
        for (JobRecord job : accepted) {
            bytes += job.sizeBytes();
            if (job.finishedNanos() != 0) {
                end = Math.max(end, job.finishedNanos());
                if (job.terminalStatus().equals("COMPLETED")) {
                    completed++;
                } else {
                    failed++;
                    problem("job " + job.jobId() + " of " + job.owner() + " ended " + job.terminalStatus() + ": "
                            + job.error());
                }
            } else {
                String status = currentStatus(clients.get(job.owner()), job.jobId());
                if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                    problem("job " + job.jobId() + " of " + job.owner() + " is " + status
                            + " but its terminal event never reached the dashboard");
                } else {
                    unfinished++;
                    problem("job " + job.jobId() + " of " + job.owner() + " is still " + status + " after the wait");
                }
            }
            for (String connection : connectionsByUser.get(job.owner())) {
                if (!job.hasTerminalOn(connection)) {
                    lost++;
                    problem("terminal event of job " + job.jobId() + " lost on " + connection);
                }
            }
            if (!job.foreignReceivers().isEmpty()) {
                foreign++;
                problem("job " + job.jobId() + " of " + job.owner() + " was pushed to " + job.foreignReceivers());
            }
        }
        double seconds = (end - start) / 1e9;
        List<LoadResult.Point> timeline = accepted.stream()
                .filter(job -> job.finishedNanos() != 0)
                .map(job -> new LoadResult.Point((job.acceptedNanos() - start) / 1e9,
                        job.startedNanos() == 0 ? Double.NaN : millis(job.startedNanos() - job.acceptedNanos()),
                        millis(job.finishedNanos() - job.acceptedNanos())))
                .sorted((a, b) -> Double.compare(a.acceptedAtSeconds(), b.acceptedAtSeconds()))
                .toList();
        long pushed = eventsPushed.get();
        return new LoadResult(options.label(), startedAt, settings(), accepted.size(), completed, failed,
                uploadErrors.get(), lost, unfinished, foreign, bytes, seconds, completed / seconds,
                bytes / (1024.0 * 1024.0) / seconds, pushed, pushed / seconds, connectionCount,
                stats(accepted, JobRecord::submittedNanos, JobRecord::acceptedNanos),
                stats(accepted, JobRecord::acceptedNanos, JobRecord::queuedNanos),
                stats(accepted, JobRecord::acceptedNanos, JobRecord::startedNanos),
                stats(accepted, JobRecord::acceptedNanos, JobRecord::finishedNanos),
                gatewayMaxRssMb, List.copyOf(problems), timeline);
    }

    private String currentStatus(AssayClient client, UUID jobId) throws InterruptedException {
        try {
            return client.status(jobId);
        } catch (java.io.IOException e) {
            return "unknown (" + e + ")";
        }
    }

    /**
     * Latencies between two stages of the jobs that reached both. A push can overtake the 202 of its own upload
     * (the gateway publishes QUEUED before the response is written), so a latency may be slightly negative.
     */
    private static LatencyStats stats(List<JobRecord> jobs, ToLongFunction<JobRecord> from,
            ToLongFunction<JobRecord> to) {
        return LatencyStats.of(jobs.stream()
                .filter(job -> from.applyAsLong(job) != 0 && to.applyAsLong(job) != 0)
                .mapToDouble(job -> millis(to.applyAsLong(job) - from.applyAsLong(job)))
                .toArray());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", options.url().toString());
        settings.put("auth", options.auth());
        settings.put("users", options.users());
        settings.put("filesPerUser", options.files());
        settings.put("generatedFileBytes", options.sizeBytes());
        settings.put("corpus", options.corpus() == null ? null : options.corpus().toString());
        settings.put("corpusShare", options.corpusShare());
        settings.put("concurrencyPerUser", options.concurrency());
        settings.put("idleDashboards", options.idle());
        return settings;
    }

    private int acceptedCount() {
        return (int) jobs.values().stream().filter(JobRecord::isAccepted).count();
    }

    private void problem(String problem) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(problem);
            log.warn(problem);
        }
    }
}
