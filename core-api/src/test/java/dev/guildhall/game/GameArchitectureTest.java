package dev.guildhall.game;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The war rules stay plain Java: no persistence, HTTP, CDI or transactions in them. */
class GameArchitectureTest {

    static final JavaClasses GAME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.guildhall.game");

    @Test
    void theRulesDependOnNoFrameworkNorPersistence() {
        noClasses().that(belongToAnyOf(War.class, Elo.class, Format.class))
                .should().dependOnClassesThat(resideInAnyPackage("jakarta..", "io.quarkus..", "org.hibernate..",
                        "io.vertx..", "com.fasterxml..", "org.jboss..", "dev.guildhall.auth..", "dev.guildhall.server..")
                        .or(belongToAnyOf(WarService.class, WarEntity.class, Ratings.class, WarExpiry.class)))
                .check(GAME);
    }
}
