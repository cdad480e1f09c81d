package dev.guildhall.slack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Slack's published signing example, read verbatim from {@code ../shared/vectors/slack-signature.txt}. */
public record SlackVector(String secret, String timestamp, String body, String signature) {

    public static SlackVector load() {
        Path file = find();
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SlackVector(values.get("signing_secret"), values.get("timestamp"), values.get("body"),
                values.get("signature"));
    }

    /** Walks up from the module directory to the folder that has {@code shared/} beside the project. */
    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/vectors/slack-signature.txt");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException("shared/vectors/slack-signature.txt not found above " + Path.of("").toAbsolutePath());
    }
}
