package dev.assay.gateway.live;

import dev.assay.protocol.JobEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Pushes job events to the browsers of the job's owner connected to this gateway instance, on the user destination
 * {@code /user/queue/jobs}. Never to anyone else: the destination is resolved per user by Spring's user registry.
 * An event that arrives again, or after a newer one of its job, is not pushed ({@link PushedSeqs}).
 */
@Component
public class LivePush {

    /** The user destination a client subscribes to (as {@code /user/queue/jobs}). */
    public static final String JOBS_DESTINATION = "/queue/jobs";

    /** Jobs whose newest pushed seq is remembered: far more than run at once on any fleet. */
    private static final int REMEMBERED_JOBS = 10_000;

    private final SimpMessagingTemplate messagingTemplate;
    private final Counter pushed;
    private final PushedSeqs pushedSeqs = new PushedSeqs(REMEMBERED_JOBS);

    LivePush(SimpMessagingTemplate messagingTemplate, MeterRegistry registry) {
        this.messagingTemplate = messagingTemplate;
        this.pushed = Counter.builder("assay.live.events.pushed")
                .description("Job events sent to their owners' browser sessions on this gateway instance")
                .register(registry);
    }

    /** Sends the event, without its result, to the sessions of the job's owner on this instance (if any). */
    public void push(JobEvent event) {
        if (event.owner() == null || !pushedSeqs.isNew(event.jobId(), event.seq(), event.status())) {
            return;
        }
        messagingTemplate.convertAndSendToUser(event.owner(), JOBS_DESTINATION, event.withoutResult());
        pushed.increment();
    }
}
