package dev.assay.worker;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.PropertySource;

/**
 * The worker: consumes job requests from RabbitMQ, analyses the stored files and publishes the jobs' events. Its only
 * HTTP port is the actuator's ({@code management.server.port}: health probes and Prometheus metrics).
 * Its defaults live in {@code assay-worker.properties} rather than {@code application.properties}, because the
 * gateway has this jar on its class path and must not pick them up.
 */
@SpringBootApplication
@PropertySource("classpath:assay-worker.properties")
public class WorkerApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(WorkerApplication.class).web(WebApplicationType.SERVLET).run(args);
    }
}
