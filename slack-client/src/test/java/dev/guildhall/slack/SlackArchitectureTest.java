package dev.guildhall.slack;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The adapter's shape (STYLE.md): one way to core-api, one way to Slack, formatting in one place. */
class SlackArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.guildhall.slack");

    @Test
    void onlyTheCorePortTouchesTheTypedClient() {
        noClasses().that().resideOutsideOfPackage("dev.guildhall.slack.core..")
                .and().doNotHaveFullyQualifiedName(SlackWiring.class.getName())
                .should().dependOnClassesThat().resideInAPackage("dev.guildhall.client..")
                .check(CLASSES);
    }

    @Test
    void noCoreApiClassIsOnTheClasspath() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.guildhall.server..", "dev.guildhall.auth..",
                "dev.guildhall.platform..", "dev.guildhall.audit..", "dev.guildhall.game..", "dev.guildhall.moderation..")
                .check(CLASSES);
    }

    @Test
    void onlyTheWebApiCallerAndTheWiringSpeakHttp() {
        noClasses().that().resideOutsideOfPackages("dev.guildhall.slack.slackapi..", "dev.guildhall.slack.core..")
                .and().doNotHaveFullyQualifiedName(SlackWiring.class.getName())
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(CLASSES);
    }

    @Test
    void commandFamiliesKnowNeitherHttpNorBlockKitDetails() {
        noClasses().that().resideInAPackage("dev.guildhall.slack.commands..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "dev.guildhall.slack.http..",
                        "dev.guildhall.slack.slackapi..")
                .check(CLASSES);
    }
}
