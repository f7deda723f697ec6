package dev.assay.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** The worker's production classes only, read from where they were compiled to. */
    private static final JavaClasses WORKER_CLASSES = new ClassFileImporter().importPath(productionClasses());

    @Test
    void jobProcessingKnowsNeitherSpringNorTheBroker() {
        // the gateway's standalone mode runs the same job code in its own process, without a broker
        noClasses().that().resideInAPackage("dev.assay.worker.job..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.rabbitmq..", "dev.assay.worker.messaging..",
                        "dev.assay.worker.config..")
                .check(WORKER_CLASSES);
    }

    @Test
    void configurationDoesNotReachIntoMessaging() {
        noClasses().that().resideInAPackage("dev.assay.worker.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.assay.worker.messaging..")
                .check(WORKER_CLASSES);
    }

    private static Path productionClasses() {
        try {
            return Path.of(WorkerApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
