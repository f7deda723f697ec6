package dev.assay.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** analytics-core stays a plain library: no framework, no files or network of its own. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.assay.analytics");

    @Test
    void engineDoesNotDependOnSpringOrJakarta() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax..")
                .check(ENGINE);
    }

    @Test
    void onlyTheCommandLineOpensFiles() {
        noClasses().that().resideOutsideOfPackage("dev.assay.analytics.cli..")
                .and().doNotHaveFullyQualifiedName(SeekableInput.class.getName())
                .and().doNotHaveFullyQualifiedName(SeekableInput.class.getName() + "$1")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..")
                .check(ENGINE);
    }

    @Test
    void internalsAreNotUsedByTheCommandLine() {
        noClasses().that().resideInAPackage("dev.assay.analytics.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.assay.analytics.internal..")
                .check(ENGINE);
    }

    @Test
    void productionCodeDoesNotPrintToStandardStreamsOutsideTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.assay.analytics.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(ENGINE);
    }

    @Test
    void publicApiLivesInTheTopPackage() {
        classes().that().resideInAPackage("dev.assay.analytics.internal..").and().arePublic()
                .and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Analysis").orShould().haveSimpleName("Boundaries")
                .check(ENGINE);
    }
}
