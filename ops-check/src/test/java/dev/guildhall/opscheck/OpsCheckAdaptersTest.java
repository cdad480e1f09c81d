package dev.guildhall.opscheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapters are written in parallel: until their module is in the root pom, the check only notes
 * it; once it is, their Dockerfiles are held to what their poms really build.
 */
class OpsCheckAdaptersTest {

    @TempDir
    Path copy;

    @Test
    void aQuarkusAdapterWithHealthAndMetricsPasses() throws IOException {
        OpsCheckCatchesMistakesTest.copyProject(OpsCheckTest.projectRoot(), copy);
        addModule("slack-client", pom("slack-client", """
                <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-smallrye-health</artifactId></dependency>
                <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-micrometer-registry-prometheus</artifactId></dependency>
                """, "<plugin><artifactId>quarkus-maven-plugin</artifactId></plugin>"));

        OpsCheck check = OpsCheck.run(copy);

        assertThat(check.problems).isEmpty();
        assertThat(check.notes).noneMatch(n -> n.contains("slack-client"));
    }

    @Test
    void aQuarkusAdapterWithoutHealthOrMetricsIsReported() throws IOException {
        OpsCheckCatchesMistakesTest.copyProject(OpsCheckTest.projectRoot(), copy);
        addModule("slack-client", pom("slack-client", "", "<plugin><artifactId>quarkus-maven-plugin</artifactId></plugin>"));

        OpsCheck check = OpsCheck.run(copy);

        assertThat(check.problems).anyMatch(p -> p.contains("needs quarkus-smallrye-health"));
        assertThat(check.problems).anyMatch(p -> p.contains("needs quarkus-micrometer-registry-prometheus"));
    }

    @Test
    void discordClientMustBuildTheJarAndLibFolderItsDockerfileCopies() throws IOException {
        OpsCheckCatchesMistakesTest.copyProject(OpsCheckTest.projectRoot(), copy);
        addModule("discord-client", pom("discord-client", "", ""));

        OpsCheck check = OpsCheck.run(copy);

        assertThat(check.problems).anyMatch(p -> p.contains("discord-client/target/lib is not a directory"));

        addModule("discord-client", pom("discord-client", "", """
                <plugin><artifactId>maven-dependency-plugin</artifactId>
                  <configuration><outputDirectory>${project.build.directory}/lib</outputDirectory></configuration></plugin>
                """));
        assertThat(OpsCheck.run(copy).problems).isEmpty();
    }

    private void addModule(String name, String pom) throws IOException {
        Path root = copy.resolve("pom.xml");
        String text = Files.readString(root);
        if (!text.contains("<module>" + name + "</module>")) {
            Files.writeString(root, text.replace("</modules>", "  <module>" + name + "</module>\n  </modules>"));
        }
        Files.createDirectories(copy.resolve(name));
        Files.writeString(copy.resolve(name).resolve("pom.xml"), pom);
    }

    private static String pom(String artifactId, String dependencies, String plugins) {
        return """
                <project>
                  <parent><groupId>dev.guildhall</groupId><artifactId>guildhall-parent</artifactId></parent>
                  <artifactId>%s</artifactId>
                  <dependencies>%s</dependencies>
                  <build><plugins>%s</plugins></build>
                </project>
                """.formatted(artifactId, dependencies, plugins);
    }
}
