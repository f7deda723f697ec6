package dev.assay.loadgen;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's own throughput with the settings Assay uses for job messages: a durable quorum queue, persistent
 * messages, each publisher waiting for the confirm of each message before the next (as the gateway does per job),
 * consumers with manual acks and prefetch 1. The queue is the run's own and is deleted at the end.
 */
final class RabbitBaseline {

    private static final Logger log = LoggerFactory.getLogger(RabbitBaseline.class);

    private final Options options;

    RabbitBaseline(Options options) {
        this.options = options;
    }

    /**
     * The outcome of a baseline run.
     *
     * @param label                the run's name
     * @param startedAt            wall-clock start
     * @param settings             messages, size, publishers, consumers
     * @param published            messages confirmed by the broker
     * @param consumed             messages delivered and acked
     * @param durationSeconds      first publish to last ack
     * @param publishedPerSecond   confirmed messages per second
     * @param consumedPerSecond    acked messages per second
     * @param confirmLatency       publish → confirm, ms
     * @param endToEndLatency      publish → delivered to a consumer, ms
     */
    record Result(String label, Instant startedAt, Map<String, Object> settings, int published, int consumed,
            double durationSeconds, double publishedPerSecond, double consumedPerSecond,
            LatencyStats confirmLatency, LatencyStats endToEndLatency) {

        boolean passed(int expected) {
            return published == expected && consumed == expected;
        }
    }

    Result run() throws Exception {
        Instant startedAt = Instant.now();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.amqpUri());
        String queue = "loadgen.baseline." + UUID.randomUUID();
        int total = options.messages();
        byte[] padding = new byte[options.messageBytes()];
        ConcurrentLinkedQueue<Double> confirmMillis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> endToEndMillis = new ConcurrentLinkedQueue<>();
        AtomicInteger consumed = new AtomicInteger();
        CountDownLatch allConsumed = new CountDownLatch(total);
        try (Connection publishing = factory.newConnection("loadgen-baseline-publish");
                Connection consuming = factory.newConnection("loadgen-baseline-consume")) {
            try (Channel admin = publishing.createChannel()) {
                admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            }
            for (int c = 0; c < options.consumers(); c++) {
                Channel channel = consuming.createChannel();
                channel.basicQos(1);
                channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                            byte[] body) throws IOException {
                        long sent = (Long) properties.getHeaders().get("sent-nanos");
                        endToEndMillis.add((System.nanoTime() - sent) / 1e6);
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                        consumed.incrementAndGet();
                        allConsumed.countDown();
                    }
                });
            }
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger published = new AtomicInteger();
            ExecutorService publishers = Executors.newFixedThreadPool(options.publishers());
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < options.publishers(); p++) {
                running.add(publishers.submit(() -> {
                    try (Channel channel = publishing.createChannel()) {
                        channel.confirmSelect();
                        while (next.getAndIncrement() < total) {
                            long sent = System.nanoTime();
                            AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                                    .contentType("application/json")
                                    .headers(Map.of("sent-nanos", sent))
                                    .build();
                            channel.basicPublish("", queue, true, properties, padding);
                            channel.waitForConfirmsOrDie(10_000);
                            confirmMillis.add((System.nanoTime() - sent) / 1e6);
                            published.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            publishers.shutdown();
            for (Future<?> publisher : running) {
                publisher.get();
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            if (!allConsumed.await(Math.max(60, options.timeout().toSeconds()), TimeUnit.SECONDS)) {
                log.warn("only {} of {} messages consumed", consumed.get(), total);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Channel admin = publishing.createChannel()) {
                admin.queueDelete(queue);
            }
            Map<String, Object> settings = Map.of("messages", total, "messageBytes", options.messageBytes(),
                    "publishers", options.publishers(), "consumers", options.consumers(),
                    "queue", "quorum, durable", "delivery", "persistent, publisher confirm per message");
            return new Result(options.label(), startedAt, settings, published.get(), consumed.get(), seconds,
                    published.get() / publishSeconds, consumed.get() / seconds,
                    LatencyStats.of(confirmMillis.stream().mapToDouble(Double::doubleValue).toArray()),
                    LatencyStats.of(endToEndMillis.stream().mapToDouble(Double::doubleValue).toArray()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer in time: " + e.getMessage(), e);
        }
    }
}
