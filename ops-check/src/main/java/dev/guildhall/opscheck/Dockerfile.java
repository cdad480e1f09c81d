package dev.guildhall.opscheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Dockerfile that name paths and ports: stages (with their WORKDIR), COPY, RUN, ENV,
 * ARG defaults, EXPOSE, HEALTHCHECK and ENTRYPOINT/CMD. Continuation lines are joined, comments dropped.
 */
record Dockerfile(Path file, List<Instruction> instructions) {

    record Instruction(int line, String stage, String stageWorkdir, String keyword, String args) {}

    record Copy(int line, String from, List<String> sources, String destination) {}

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        StringBuilder current = null;
        int start = 0;
        String stage = null;
        Map<String, String> workdirs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String trimmed = raw.strip();
            if (current == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) continue;
            if (current != null && trimmed.startsWith("#")) continue;
            boolean continues = trimmed.endsWith("\\");
            String part = continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            if (current == null) {
                current = new StringBuilder(part);
                start = i + 1;
            } else {
                current.append(' ').append(part);
            }
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
                String args = space < 0 ? "" : text.substring(space + 1).strip();
                if (keyword.equals("FROM")) {
                    String[] w = args.split("\\s+");
                    stage = w.length >= 3 && w[1].equalsIgnoreCase("AS") ? w[2] : "stage" + out.size();
                }
                if (keyword.equals("WORKDIR")) workdirs.put(stage, args);
                out.add(new Instruction(start, stage, workdirs.get(stage), keyword, args));
                current = null;
            }
        }
        return new Dockerfile(file, out);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
    }

    String lastStage() {
        return instructions.isEmpty() ? null : instructions.get(instructions.size() - 1).stage;
    }

    /** WORKDIR of a stage, as set by its (last) WORKDIR instruction. */
    String workdir(String stage) {
        String w = null;
        for (Instruction i : instructions) if (i.stage.equals(stage) && i.keyword.equals("WORKDIR")) w = i.args;
        return w;
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction i : all("COPY")) {
            List<String> words = new ArrayList<>(List.of(i.args.split("\\s+")));
            String from = null;
            while (!words.isEmpty() && words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                if (flag.startsWith("--from=")) from = flag.substring("--from=".length());
            }
            if (words.size() < 2) continue;
            String dest = words.remove(words.size() - 1);
            copies.add(new Copy(i.line, from, words, dest));
        }
        return copies;
    }

    /** ENV of the final (runtime) stage, both {@code K=V K2="V 2"} and the old {@code K V} form. */
    Map<String, String> runtimeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        String last = lastStage();
        for (Instruction i : all("ENV")) {
            if (!i.stage.equals(last)) continue;
            Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(i.args);
            boolean any = false;
            while (m.find()) {
                any = true;
                String v = m.group(2);
                env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
            if (!any) {
                String[] kv = i.args.split("\\s+", 2);
                if (kv.length == 2) env.put(kv[0], kv[1]);
            }
        }
        return env;
    }

    /** ARG defaults of every stage. */
    Map<String, String> argDefaults() {
        Map<String, String> args = new LinkedHashMap<>();
        for (Instruction i : all("ARG")) {
            String[] kv = i.args.split("=", 2);
            if (kv.length == 2) args.put(kv[0].strip(), kv[1].strip());
        }
        return args;
    }

    /** Replaces {@code ${X}}, {@code ${X:-d}} and {@code $X} with values from {@code vars} (or the default). */
    static String expand(String s, Map<String, String> vars) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String value = vars.getOrDefault(name, m.group(2) != null ? m.group(2) : m.group(0));
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
