package dev.assay.protocol;

/**
 * Names of the RabbitMQ exchanges and queues that gateway and workers share. Declared in one place
 * (see each app's topology configuration) with identical arguments, or the broker refuses the second declaration.
 */
public final class Topology {

    /** Durable direct exchange for job requests. */
    public static final String JOBS_EXCHANGE = "assay.jobs";
    /** Durable quorum queue of job requests, bound to {@link #JOBS_EXCHANGE} with {@link #JOBS_ROUTING_KEY}. */
    public static final String JOBS_QUEUE = "assay.jobs";
    public static final String JOBS_ROUTING_KEY = "job";
    /** Dead-letter exchange and queue of {@link #JOBS_QUEUE}: poison messages end here. */
    public static final String JOBS_DEAD_LETTER_EXCHANGE = "assay.jobs.dlx";
    public static final String JOBS_DEAD_LETTER_QUEUE = "assay.jobs.dlq";
    /** Deliveries of one job message before it is dead-lettered. */
    public static final int JOBS_DELIVERY_LIMIT = 5;

    /** Durable fanout exchange of {@link JobEvent}s and {@link WorkerHeartbeat}s. */
    public static final String EVENTS_EXCHANGE = "assay.events";
    /** Durable quorum queue on {@link #EVENTS_EXCHANGE}, consumed competitively by gateways to persist state. */
    public static final String EVENTS_STORE_QUEUE = "assay.events.store";

    /** Fanout exchange of {@link CancelJob} broadcasts; each worker binds its own exclusive queue. */
    public static final String CONTROL_EXCHANGE = "assay.control";

    private Topology() {
    }
}
