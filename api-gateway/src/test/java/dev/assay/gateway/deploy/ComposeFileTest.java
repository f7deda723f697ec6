package dev.assay.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import dev.assay.gateway.config.AssayProperties;
import dev.assay.worker.config.StorageProperties;
import dev.assay.worker.config.WorkerProperties;

/**
 * Keeps {@code docker-compose.yml} consistent with the apps: every variable it sets is one the apps bind (to the value
 * the compose file means), service names and ports agree, and the README documents each variable. There is no Docker
 * engine on the build machines, so this is how the compose file is kept honest between real {@code docker compose} runs.
 */
class ComposeFileTest {

    /** The configuration variables of DESIGN.md that the compose file may set. */
    private static final Set<String> DOCUMENTED_VARIABLES = Set.of(
            "ASSAY_MODE", "ASSAY_USERS", "ASSAY_STORAGE_DIR", "ASSAY_WORKER_CONCURRENCY", "SERVER_PORT",
            "SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_PORT", "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD",
            "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
            "ASSAY_WORKER_MANAGEMENT_PORT", "ASSAY_LOG_FORMAT");

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void runsTheBrokerTheDatabaseTheGatewayAndScalableWorkers() {
        assertThat(services).containsKeys("rabbitmq", "postgres", "api-gateway", "worker-service");
        assertThat(services.get("worker-service"))
                .as("workers publish no port, so that --scale can start any number of them on one host")
                .doesNotContainKeys("ports", "container_name");
    }

    @Test
    void setsOnlyDocumentedVariables() {
        assertThat(environment("api-gateway").keySet()).isSubsetOf(DOCUMENTED_VARIABLES);
        assertThat(environment("worker-service").keySet()).isSubsetOf(DOCUMENTED_VARIABLES);
    }

    @Test
    void gatewayBindsItsVariablesAsMeant() {
        Binder binder = binderFor("api-gateway");
        AssayProperties assay = binder.bindOrCreate("assay", AssayProperties.class);

        assertThat(assay.mode()).isEqualTo(AssayProperties.Mode.CLUSTER);
        assertThat(assay.users()).isNotBlank();
        assertThat(binder.bind("assay.storage.dir", String.class).get()).isEqualTo(mountedUploadsDir("api-gateway"));

        int serverPort = binder.bind("server.port", Integer.class).orElse(8080);
        assertThat(list(services.get("api-gateway").get("ports"))).contains(serverPort + ":" + serverPort);
        assertThat(String.join(" ", list(((Map<?, ?>) services.get("api-gateway").get("healthcheck")).get("test"))))
                .contains("/dev/tcp/127.0.0.1/" + serverPort);
    }

    @Test
    void workerBindsItsVariablesAsMeant() {
        Binder binder = binderFor("worker-service");

        assertThat(binder.bindOrCreate("assay.worker", WorkerProperties.class).concurrency())
                .isEqualTo(Integer.parseInt(environment("worker-service").get("ASSAY_WORKER_CONCURRENCY")));
        assertThat(binder.bindOrCreate("assay.storage", StorageProperties.class).dir())
                .isEqualTo(Path.of(mountedUploadsDir("worker-service")));
    }

    @Test
    void healthChecksAskForReadinessAndWorkersExposeTheirManagementPortOnlyInsideTheNetwork() {
        String managementPort = environment("worker-service").get("ASSAY_WORKER_MANAGEMENT_PORT");

        assertThat(list(services.get("worker-service").get("expose"))).containsExactly(managementPort);
        assertThat(healthCheck("worker-service")).contains("/dev/tcp/127.0.0.1/" + managementPort + " ")
                .contains("GET /actuator/health/readiness ");
        assertThat(healthCheck("api-gateway")).contains("GET /actuator/health/readiness ");
    }

    private static String healthCheck(String service) {
        return String.join(" ", list(((Map<?, ?>) services.get(service).get("healthcheck")).get("test")));
    }

    @Test
    void gatewayAndWorkersShareTheUploadsVolume() {
        assertThat(mountedUploadsDir("worker-service")).isEqualTo(mountedUploadsDir("api-gateway"));
        assertThat(volumeAt("worker-service", mountedUploadsDir("worker-service")))
                .isEqualTo(volumeAt("api-gateway", mountedUploadsDir("api-gateway")));
    }

    @Test
    void bothAppsReachTheComposeBroker() {
        for (String app : List.of("api-gateway", "worker-service")) {
            RabbitProperties rabbit = binderFor(app).bindOrCreate("spring.rabbitmq", RabbitProperties.class);
            assertThat(services).as(app + " broker host").containsKey(rabbit.getHost());
            assertThat(list(services.get(rabbit.getHost()).get("ports"))).contains(rabbit.getPort() + ":5672");
        }
    }

    @Test
    void gatewayReachesTheComposeDatabaseWithItsCredentials() {
        DataSourceProperties dataSource = binderFor("api-gateway")
                .bindOrCreate("spring.datasource", Bindable.of(DataSourceProperties.class));
        URI url = URI.create(dataSource.getUrl().substring("jdbc:".length()));
        Map<String, String> postgres = environment("postgres");

        assertThat(services).containsKey(url.getHost());
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(dataSource.getUsername()).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(dataSource.getPassword()).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void readmeDocumentsEveryVariable() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(DOCUMENTED_VARIABLES).allSatisfy(variable -> assertThat(readme).contains("`" + variable + "`"));
    }

    private static Binder binderFor(String service) {
        Map<String, Object> variables = new LinkedHashMap<>(environment(service));
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("compose", variables)));
    }

    /** The service's environment, with {@code ${VAR:-default}} resolved to its default. */
    private static Map<String, String> environment(String service) {
        Map<?, ?> raw = (Map<?, ?>) services.get(service).get("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        raw.forEach((key, value) -> resolved.put(key.toString(), interpolate(String.valueOf(value))));
        return resolved;
    }

    private static String interpolate(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(2) == null ? "" : matcher.group(2)));
        }
        return matcher.appendTail(result).toString();
    }

    private static String mountedUploadsDir(String service) {
        return environment(service).get("ASSAY_STORAGE_DIR");
    }

    private static String volumeAt(String service, String containerPath) {
        return list(services.get(service).get("volumes")).stream()
                .filter(volume -> volume.endsWith(":" + containerPath))
                .map(volume -> volume.substring(0, volume.indexOf(':')))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts no volume at " + containerPath));
    }

    private static List<String> list(Object yamlList) {
        return ((List<?>) yamlList).stream().map(String::valueOf).toList();
    }
}
