package dev.assay.gateway.messaging;

import java.util.List;

import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.job.JobQueue;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The job queue of a cluster: {@code assay.jobs}, a durable quorum queue consumed by the workers. A request counts
 * as enqueued only once the broker has confirmed it; otherwise the job stays unpublished in the database and the
 * dispatcher tries again.
 */
@Component
@Profile("cluster")
class RabbitJobQueue implements JobQueue {

    private final BrokerPublisher publisher;

    RabbitJobQueue(RabbitTemplate rabbitTemplate, ClusterProperties properties) {
        this.publisher = new BrokerPublisher(rabbitTemplate, properties.confirmTimeout());
    }

    @Override
    public void enqueue(JobRequested request) {
        publisher.publish(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, request,
                name(request), true);
    }

    /** Publishes the requests together and waits for their confirms together. */
    @Override
    public List<JobRequested> enqueueAll(List<JobRequested> requests) {
        return publisher.publishAll(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, requests,
                RabbitJobQueue::name, true);
    }

    private static String name(JobRequested request) {
        return "job " + request.jobId() + " at seq " + request.baseSeq();
    }
}
