package dev.guildhall.opscheck;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check can fail: each case copies the project's deployment files, makes one mistake a person
 * could make, and expects the check to name it.
 */
class OpsCheckCatchesMistakesTest {

    @TempDir
    Path copy;

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            docker/prometheus.yml             | "core-api-2:8080"                          | "core-api-2:8081"                         | target core-api-2:8081
            docker/prometheus.yml             | metrics_path: /q/metrics                   | metrics_path: /metrics                    | metrics_path /metrics
            docker/compose.yaml               | dockerfile: docker/core-api.Dockerfile     | dockerfile: core-api.Dockerfile           | dockerfile core-api.Dockerfile
            docker/compose.yaml               | context: ..                                | context: .                                | (relative to the context .) does not exist
            docker/compose.yaml               | "8081:8080"                                | "8081:8081"                               | publishes container port 8081
            docker/compose.yaml               | ./nginx.conf:/etc                          | ./nginx.conf.old:/etc                     | mounts ./nginx.conf.old
            docker/compose.yaml               | jdbc:postgresql://postgres:5432/guildhall  | jdbc:postgresql://postgres:5433/guildhall | postgres listens on 5432
            docker/nginx.conf                 | server core-api-2:8080                     | server core-api-3:8080                    | core-api-3:8080 is no compose service
            docker/core-api.Dockerfile        | target/quarkus-app/lib/                    | target/quarkus-ap/lib/                    | not part of Quarkus's jar layout
            docker/core-api.Dockerfile        | -pl core-api                               | -pl core-apí                              | names module core-apí
            docker/core-api.Dockerfile        | /q/health/ready                            | /health/ready                             | health path /health/ready
            docker/core-api.Dockerfile        | EXPOSE 8080                                | EXPOSE 8090                               | EXPOSE 8090
            docker/core-api.Dockerfile        | -jar /app/quarkus-run.jar                  | -jar /app/core-api-runner.jar             | runs /app/core-api-runner.jar
            docker/discord-client.Dockerfile  | COPY --chmod=0755 docker/discord-client-entrypoint.sh | COPY --chmod=0755 docker/entrypoint.sh | docker/entrypoint.sh is not in the repository
            docker/k8s/core-api.yaml          | path: /q/health/ready                      | path: /health/ready                       | readinessProbe
            docker/k8s/core-api.yaml          | targetPort: http                           | targetPort: web                           | targetPort web
            docker/k8s/core-api.yaml          | name: core-api-config                      | name: core-api-settings                   | ConfigMap core-api-settings
            docker/k8s/core-api.yaml          | key: db-password                           | key: database-password                    | guildhall-secrets/database-password
            docker/k8s/configmap.yaml         | QUARKUS_HTTP_PORT: "8080"                  | QUARKUS_HTTP_PORT: "9000"                 | listens on 9000
            docker/k8s/configmap.yaml         | DISCORD_SHARD_TOTAL: "2"                   | DISCORD_SHARD_TOTAL: "4"                  | DISCORD_SHARD_TOTAL 4
            docker/k8s/configmap.yaml         | MaxRAMPercentage=35 -XX:+ExitOnOutOfMemoryError -Djava | MaxRAMPercentage=80 -XX:+ExitOnOutOfMemoryError -Djava | OOM-kill risk
            docker/k8s/configmap.yaml         | GUILDHALL_API_URL: http://core-api:80      | GUILDHALL_API_URL: http://core-api:8080   | names no Service port
            docker/k8s/secret.example.yaml    | db-password: REPLACE_ME_database_password  | db-password: hunter2                      | holds a value
            docker/k8s/kustomization.yaml     | - core-api.yaml                            | - core-api-deployment.yaml                | resource core-api-deployment.yaml
            docker/grafana/provisioning/dashboards/guildhall.yaml | path: /var/lib/grafana/dashboards | path: /dashboards      | reads /dashboards
            docker/grafana/dashboards/guildhall.json | "uid": "prometheus"                 | "uid": "prom"                             | data source uid prom
            docker/k8s/core-api.yaml          | averageUtilization: 70                     | averageUtilization: [70                   | does not parse
            bench/run.sh                      | create-war.lua                             | make-war.lua                              | names make-war.lua
            bench/run.sh                      | core-api/target/quarkus-app                | core/target/quarkus-app                   | names module core
            """)
    void aMistakeIsReported(String file, String from, String to, String expected) throws IOException {
        Path root = OpsCheckTest.projectRoot();
        copyProject(root, copy);
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        assertThat(text).as("the case's text is in %s", file).contains(from);
        Files.writeString(target, text.replace(from, to));

        OpsCheck check = OpsCheck.run(copy);

        assertThat(check.problems).as("problems after %s -> %s in %s", from, to, file)
                .anyMatch(p -> p.contains(expected));
    }

    /** What the check reads: the poms and application.properties of each module, docker/ and bench/. */
    static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(f).toString().replace('\\', '/');
                boolean wanted = rel.equals("pom.xml") || rel.matches("[^/]+/pom\\.xml")
                        || rel.matches("[^/]+/src/main/resources/application\\.properties")
                        || (rel.startsWith("docker/") || rel.startsWith("bench/")) && !rel.contains("/target/");
                if (!wanted || rel.startsWith(".git/") || rel.contains("/target/")) continue;
                Path dest = to.resolve(rel);
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        }
    }
}
