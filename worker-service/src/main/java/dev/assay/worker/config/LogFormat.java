package dev.assay.worker.config;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code assay.log-format} ({@code ASSAY_LOG_FORMAT}) into Spring Boot's console log format: {@code text}
 * (the default) keeps the human format, {@code json} writes one JSON object per line in the Elastic Common Schema
 * (MDC keys such as {@code jobId} become fields). It runs before the logging system starts, which a
 * {@code @PropertySource} would be too late for. Registered in {@code META-INF/spring.factories}, so it serves the
 * gateway as well, which has this module on its class path. An explicit {@code logging.structured.format.console}
 * wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "assay.log-format";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "text", "" -> {
            }
            case "json" -> {
                if (environment.getProperty(CONSOLE_FORMAT) == null) {
                    environment.getPropertySources().addLast(
                            new MapPropertySource(PROPERTY, Map.of(CONSOLE_FORMAT, "ecs")));
                }
            }
            default -> throw new IllegalArgumentException(
                    PROPERTY + " (ASSAY_LOG_FORMAT) must be text or json, not '" + format + "'");
        }
    }
}
