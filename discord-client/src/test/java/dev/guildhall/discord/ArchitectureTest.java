package dev.guildhall.discord;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The adapter stays thin: commands only name calls, HTTP to core-api only through the typed client. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.guildhall.discord");

    @Test
    void commandFamiliesNeitherCallCoreApiNorTouchDiscordEvents() {
        noClasses().that().resideInAPackage("..discord.commands..")
                .should().dependOnClassesThat().haveSimpleName("CoreApi")
                .orShould().dependOnClassesThat().resideInAPackage("dev.guildhall.client..")
                .orShould().dependOnClassesThat().resideInAPackage("net.dv8tion.jda.api.events..")
                .check(CLASSES);
    }

    @Test
    void noOwnHttpClientForCoreApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .orShould().dependOnClassesThat().resideInAPackage("java.net.http..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiAdapterAndMainKnowTheTypedClient() {
        noClasses().that().resideOutsideOfPackage("..discord.api..")
                .and().doNotHaveSimpleName("DiscordMain")
                .should().dependOnClassesThat().resideInAPackage("dev.guildhall.client..")
                .check(CLASSES);
    }

    @Test
    void formattingDoesNotCallCoreApi() {
        noClasses().that().resideInAPackage("..discord.format..")
                .should().dependOnClassesThat().haveSimpleName("CoreApi")
                .check(CLASSES);
    }
}
