package dev.guildhall.system;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workload core-api's image trains its AOT cache with (docker/core-api-aot-train.sh) answers as the API
 * promises, call by call, against the packaged core-api: an API change that breaks one of its calls fails
 * here, not in an image build nobody runs in CI.
 */
class AotTrainingWorkloadTest {

    @Test
    void everyTrainingCallAnswersAsExpected() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl"), "the training script needs bash and curl");
        Path script = Path.of("..", "docker", "core-api-aot-train.sh").toAbsolutePath();
        Path output = Files.createDirectories(Path.of("target", "system-tests")).resolve("aot-train.log");
        try (Cluster cluster = Cluster.start(1)) {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--against", cluster.url(0))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            pb.environment().put("GUILDHALL_ADMIN_KEY", Cluster.ADMIN_KEY);
            Process training = pb.start();
            assertThat(training.waitFor(5, TimeUnit.MINUTES)).as("finished in 5 minutes").isTrue();
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(training.exitValue()).as(log).isZero();
            assertThat(log).contains(", 0 with an unexpected status");
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
