package dev.assay.worker.messaging;

import java.time.Duration;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import dev.assay.worker.chunk.TaskPublisher;
import dev.assay.worker.job.EventSink;

/**
 * Publishes job events persistently on the {@code assay.events} fanout (and the chunk tasks of big jobs on the job
 * queue) and waits for the broker's confirm (see {@link ConfirmedPublisher} for the template settings this needs).
 */
public final class RabbitEventSink implements EventSink, TaskPublisher {

    private final ConfirmedPublisher publisher;

    /**
     * @param rabbitTemplate a template with correlated publisher confirms and returns enabled
     * @param confirmTimeout how long to wait for the broker's confirm of one event
     */
    public RabbitEventSink(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.publisher = new ConfirmedPublisher(rabbitTemplate, confirmTimeout);
    }

    /**
     * @throws ConfirmedPublisher.NotConfirmedException if the broker refused or returned the event, or did not
     *                                                  confirm it in time
     * @throws InterruptedException                     if the thread was interrupted while waiting for the confirm
     */
    @Override
    public void publish(JobEvent event) throws Exception {
        publisher.publish(Topology.EVENTS_EXCHANGE, "", event, "event " + event.jobId() + "/" + event.seq());
    }

    /**
     * Publishes a chunk or merge task of a job on the job queue, like the gateway publishes jobs.
     *
     * @throws ConfirmedPublisher.NotConfirmedException if the broker refused or returned the task, or did not
     *                                                  confirm it in time
     * @throws InterruptedException                     if the thread was interrupted while waiting for the confirm
     */
    @Override
    public void publish(JobRequested task) throws Exception {
        publisher.publish(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, task,
                "task " + task.jobId() + "/" + task.part());
    }
}
