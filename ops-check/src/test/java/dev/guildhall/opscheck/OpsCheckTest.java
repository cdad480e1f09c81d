package dev.guildhall.opscheck;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment files in this repository name only paths and ports the project has. */
class OpsCheckTest {

    static Path projectRoot() {
        return Path.of(System.getProperty("guildhall.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyPathAndPortInDockerK8sAndBenchExists() {
        OpsCheck check = OpsCheck.run(projectRoot());

        check.notes.forEach(n -> System.out.println("ops-check note: " + n));
        assertThat(check.checkedFiles).as("files read").contains(
                "docker/compose.yaml", "docker/prometheus.yml", "docker/core-api.Dockerfile",
                "docker/slack-client.Dockerfile", "docker/discord-client.Dockerfile",
                "docker/k8s/core-api.yaml", "docker/grafana/dashboards/guildhall.json");
        assertThat(check.problems).as("problems in the deployment files").isEmpty();
    }
}
