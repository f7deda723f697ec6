package dev.assay.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Assay gateway: REST API, uploads, job state, job producer, live push and the dashboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AssayGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssayGatewayApplication.class, args);
    }
}
