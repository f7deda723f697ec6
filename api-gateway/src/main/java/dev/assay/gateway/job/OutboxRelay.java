package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes queued jobs whose request has not reached the job queue yet (the broker was unreachable when they were
 * accepted or retried). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several gateways share the work
 * without publishing a row twice; a second publish would be harmless anyway, workers being idempotent.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Jobs younger than this are still being published by the request that accepted them. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int BATCH = 100;

    private final JobRepository jobs;
    private final JobDispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OutboxRelay(JobRepository jobs, JobDispatcher dispatcher, TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Publishes one batch of waiting jobs; stops at the first failure, the broker being still away. */
    @Scheduled(fixedDelayString = "${assay.outbox.relay-interval:2s}", initialDelayString = "${assay.outbox.relay-interval:2s}")
    void relay() {
        Integer published = transactions.execute(status -> {
            List<Job> waiting = jobs.lockUnpublished(clock.instant().minus(GRACE), BATCH);
            int done = 0;
            for (Job job : waiting) {
                if (!dispatcher.dispatch(job)) {
                    break;
                }
                done++;
            }
            return done;
        });
        if (published != null && published > 0) {
            log.info("Published {} job(s) that were waiting for the job queue", published);
        }
    }
}
