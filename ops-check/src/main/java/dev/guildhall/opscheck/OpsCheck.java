package dev.guildhall.opscheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the deployment files (docker/, docker/k8s/, bench/) the way Docker, Compose, nginx,
 * Prometheus, Grafana and Kubernetes would, and reports every path and port they name that the
 * project does not have. {@link #problems} must be empty; {@link #notes} lists what was skipped
 * because a module is not on this branch yet (the adapters are written in parallel).
 */
public final class OpsCheck {

    /** A Guildhall service: its module, the variable that sets its HTTP port, and whether it is a Quarkus app. */
    record App(String name, String portVariable, boolean quarkus) {}

    static final Map<String, App> APPS = Map.of(
            "core-api", new App("core-api", "QUARKUS_HTTP_PORT", true),
            "slack-client", new App("slack-client", "QUARKUS_HTTP_PORT", true),
            "discord-client", new App("discord-client", "DISCORD_HTTP_PORT", false));

    static final Set<String> HEALTH_PATHS = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started");
    static final String METRICS_PATH = "/q/metrics";
    /** Ports the third-party images in compose.yaml listen on (from their images' documentation). */
    static final Map<String, Integer> IMAGE_PORTS = Map.of("postgres", 5432, "prom/prometheus", 9090, "grafana/grafana", 3000);

    private static final Pattern URL = Pattern.compile("^https?://([A-Za-z0-9.-]+)(?::(\\d+))?(/.*)?$");

    final Path root;
    final List<String> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> checkedFiles = new ArrayList<>();

    private final Set<String> modules = new LinkedHashSet<>();
    private final Map<String, Dockerfile> dockerfiles = new TreeMap<>();
    private final Map<String, Object> parsed = new TreeMap<>();

    public OpsCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static OpsCheck run(Path root) {
        OpsCheck c = new OpsCheck(root);
        c.readModules();
        c.parseAll();
        c.checkDockerfiles();
        Map<String, Object> compose = c.yamlMap("docker/compose.yaml");
        if (compose != null) c.checkCompose(compose);
        c.checkKubernetes();
        c.checkBench();
        return c;
    }

    // ---------------------------------------------------------------- project facts

    private void readModules() {
        String pom = read(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
            if (!Files.isRegularFile(root.resolve(m.group(1)).resolve("pom.xml"))) {
                problem("pom.xml", "lists module " + m.group(1) + " but " + m.group(1) + "/pom.xml does not exist");
            }
        }
    }

    /** True when the module is on this branch; for an adapter not written yet, a note and false. */
    private boolean moduleReady(String where, String module) {
        if (modules.contains(module)) return true;
        if (APPS.containsKey(module)) {
            note("module " + module + " is not in the root pom yet: the build paths its Dockerfile names are checked once it is");
        } else {
            problem(where, "names module " + module + ", which the root pom does not list");
        }
        return false;
    }

    /** The port an app listens on when its environment does not say: its application.properties, else 8080. */
    int defaultPort(App app) {
        Path props = root.resolve(app.name).resolve("src/main/resources/application.properties");
        if (app.quarkus && Files.isRegularFile(props)) {
            String v = properties(props).getProperty("quarkus.http.port");
            if (v != null) {
                Matcher m = Pattern.compile("\\$\\{[^:}]+:(\\d+)}|(\\d+)").matcher(v.strip());
                if (m.matches()) return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return 8080;
    }

    /** The port an app listens on, given the environment a deployment sets (falling back to its image's ENV). */
    int appPort(App app, Map<String, String> env) {
        String v = env.get(app.portVariable);
        if (v == null) {
            Dockerfile d = dockerfiles.get(app.name);
            if (d != null) v = d.runtimeEnv().get(app.portVariable);
        }
        if (v != null && v.strip().matches("\\d+")) return Integer.parseInt(v.strip());
        return defaultPort(app);
    }

    private void checkQuarkusEndpoints(String where, App app, String path) {
        if (!app.quarkus || !modules.contains(app.name)) return;
        String pom = read(root.resolve(app.name).resolve("pom.xml"));
        if (HEALTH_PATHS.contains(path) && !pom.contains("<artifactId>quarkus-smallrye-health</artifactId>")) {
            problem(where, path + " needs quarkus-smallrye-health, which " + app.name + "/pom.xml does not have");
        }
        if (path.equals(METRICS_PATH) && !pom.contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>")) {
            problem(where, path + " needs quarkus-micrometer-registry-prometheus, which " + app.name + "/pom.xml does not have");
        }
        Path propsFile = root.resolve(app.name).resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(propsFile)) {
            Properties p = properties(propsFile);
            String nonApp = p.getProperty("quarkus.http.non-application-root-path", "q");
            String health = p.getProperty("quarkus.smallrye-health.root-path", "health");
            String metrics = p.getProperty("quarkus.micrometer.export.prometheus.path", "metrics");
            if (!nonApp.replace("/", "").equals("q") || !health.replace("/", "").equals("health")
                    || !metrics.replace("/", "").equals("metrics")) {
                problem(where, app.name + "'s application.properties moves the /q/health or /q/metrics paths");
            }
        }
    }

    private void checkHealthPath(String where, String path, App app) {
        if (!HEALTH_PATHS.contains(path)) {
            problem(where, "health path " + path + " is none of " + new java.util.TreeSet<>(HEALTH_PATHS));
        } else if (app != null) {
            checkQuarkusEndpoints(where, app, path);
        }
    }

    // ---------------------------------------------------------------- every YAML and JSON file parses

    private void parseAll() {
        for (String dir : List.of("docker", "bench")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    String rel = rel(f);
                    try {
                        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                            List<Object> docs = new ArrayList<>();
                            for (Object doc : yaml().loadAll(Files.readString(f))) if (doc != null) docs.add(doc);
                            parsed.put(rel, docs);
                            checkedFiles.add(rel);
                        } else if (name.endsWith(".json")) {
                            parsed.put(rel, new ObjectMapper().readValue(f.toFile(), Object.class));
                            checkedFiles.add(rel);
                        } else if (name.endsWith(".Dockerfile") || name.equals("Dockerfile")) {
                            String app = name.equals("Dockerfile") ? f.getParent().getFileName().toString()
                                    : name.substring(0, name.length() - ".Dockerfile".length());
                            dockerfiles.put(app, Dockerfile.read(f));
                            checkedFiles.add(rel);
                        }
                    } catch (Exception e) {
                        problem(rel, "does not parse: " + e.getMessage().lines().findFirst().orElse(e.toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> yamlDocs(String rel) {
        Object docs = parsed.get(rel);
        if (!(docs instanceof List<?> list)) return List.of();
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object o : list) if (o instanceof Map<?, ?> m) maps.add((Map<String, Object>) m);
        return maps;
    }

    private Map<String, Object> yamlMap(String rel) {
        List<Map<String, Object>> docs = yamlDocs(rel);
        if (!Files.exists(root.resolve(rel))) {
            problem(rel, "is missing");
            return null;
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    // ---------------------------------------------------------------- Dockerfiles

    private void checkDockerfiles() {
        for (String app : APPS.keySet()) {
            if (!dockerfiles.containsKey(app)) problem("docker/" + app + ".Dockerfile", "is missing");
        }
        dockerfiles.forEach((name, d) -> {
            App app = APPS.get(name);
            String where = rel(d.file());
            if (app == null) {
                problem(where, "is not the Dockerfile of a known service " + APPS.keySet());
                return;
            }
            checkDockerfile(where, app, d);
        });
    }

    private void checkDockerfile(String where, App app, Dockerfile d) {
        Map<String, String> env = d.runtimeEnv();
        Map<String, String> args = d.argDefaults();
        int port = appPort(app, env);
        String runtime = d.lastStage();
        if (!d.all("USER").stream().anyMatch(u -> u.stage().equals(runtime) && !u.args().matches("0|root(:.*)?"))) {
            problem(where, "the runtime stage has no non-root USER");
        }
        // the Maven build: the module it builds must exist
        for (Dockerfile.Instruction run : d.all("RUN")) {
            Matcher pl = Pattern.compile("\\bmvn\\b.*?\\s-pl\\s+(\\S+)").matcher(run.args());
            if (pl.find()) {
                for (String m : pl.group(1).split(",")) moduleReady(where + ":" + run.line(), m);
            }
            Matcher target = Pattern.compile("([A-Za-z0-9_.-]+)/target/(\\S+)").matcher(run.args());
            while (target.find()) {
                checkTargetPath(where + ":" + run.line(), target.group(1), Dockerfile.expand(target.group(2), args));
            }
        }
        // COPY sources: build outputs of a module, or files in the build context (the repository root)
        String ignoreFile = d.file().getFileName() + ".dockerignore";
        List<String> ignored = readIgnore(d.file().resolveSibling(ignoreFile));
        for (Dockerfile.Copy c : d.copies()) {
            String at = where + ":" + c.line();
            for (String src : c.sources()) {
                if (c.from() == null) {
                    if (!src.equals(".") && !exists(root, src)) problem(at, "COPY source " + src + " is not in the repository");
                    for (String pattern : ignored) {
                        if (matchesIgnore(pattern, src)) problem(at, "COPY source " + src + " is excluded by " + ignoreFile + " (" + pattern + ")");
                    }
                } else {
                    String workdir = d.workdir(c.from());
                    if (workdir != null && src.startsWith(workdir + "/")) {
                        String inRepo = src.substring(workdir.length() + 1);
                        Matcher t = Pattern.compile("([A-Za-z0-9_.-]+)/target/(.+)").matcher(inRepo);
                        if (t.matches()) checkTargetPath(at, t.group(1), t.group(2));
                        else if (!exists(root, inRepo)) problem(at, "COPY source " + src + " is not in the repository");
                    }
                }
            }
        }
        // what the image runs must be what it copied
        for (String kw : List.of("ENTRYPOINT", "CMD")) {
            for (Dockerfile.Instruction i : d.all(kw)) {
                if (!i.stage().equals(runtime)) continue;
                Matcher jar = Pattern.compile("(/[A-Za-z0-9_./-]+\\.(?:jar|sh))").matcher(i.args());
                while (jar.find()) {
                    if (!copiedTo(d, jar.group(1))) problem(where + ":" + i.line(), kw + " runs " + jar.group(1) + " but no COPY puts it there");
                    // an entrypoint script from the repository: what it runs must be in the image too
                    for (Dockerfile.Copy c : d.copies()) {
                        if (c.from() == null && c.destination().equals(jar.group(1)) && c.sources().get(0).endsWith(".sh")
                                && Files.isRegularFile(root.resolve(c.sources().get(0)))) {
                            Matcher inScript = Pattern.compile("(/app/[A-Za-z0-9_./-]+\\.jar)").matcher(read(root.resolve(c.sources().get(0))));
                            while (inScript.find()) {
                                if (!copiedTo(d, inScript.group(1))) problem(c.sources().get(0), "runs " + inScript.group(1) + " but " + where + " does not COPY it there");
                            }
                        }
                    }
                }
            }
        }
        for (Dockerfile.Instruction e : d.all("EXPOSE")) {
            for (String p : e.args().split("\\s+")) {
                if (!p.replaceAll("/tcp$", "").equals(String.valueOf(port))) problem(where + ":" + e.line(), "EXPOSE " + p + " but the service listens on " + port);
            }
        }
        List<Dockerfile.Instruction> health = d.all("HEALTHCHECK");
        if (health.isEmpty()) problem(where, "has no HEALTHCHECK");
        for (Dockerfile.Instruction h : health) {
            Matcher url = Pattern.compile("https?://[^\\s\"']+").matcher(h.args());
            if (!url.find()) {
                problem(where + ":" + h.line(), "HEALTHCHECK calls no URL");
                continue;
            }
            Matcher u = URL.matcher(Dockerfile.expand(url.group(), env));
            if (!u.matches()) {
                problem(where + ":" + h.line(), "HEALTHCHECK URL " + url.group() + " does not resolve");
                continue;
            }
            int p = u.group(2) == null ? 80 : Integer.parseInt(u.group(2));
            if (p != port) problem(where + ":" + h.line(), "HEALTHCHECK calls port " + p + " but the service listens on " + port);
            checkHealthPath(where + ":" + h.line(), u.group(3) == null ? "/" : u.group(3), app);
        }
    }

    /** A path under {@code module/target/}: what the module's build really produces there. */
    private void checkTargetPath(String where, String module, String path) {
        if (!moduleReady(where, module)) return;
        App app = APPS.get(module);
        String pom = read(root.resolve(module).resolve("pom.xml"));
        if (app != null && app.quarkus) {
            if (!pom.contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
                problem(where, module + " has no quarkus-maven-plugin, so there is no " + module + "/target/quarkus-app");
            }
            if (!path.matches("quarkus-app/(lib/?|app/?|quarkus/?|\\*\\.jar|quarkus-run\\.jar)")) {
                problem(where, module + "/target/" + path + " is not part of Quarkus's jar layout (fast-jar and aot-jar alike: quarkus-app/{lib,app,quarkus,quarkus-run.jar})");
            }
            return;
        }
        Matcher artifact = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL).matcher(pom);
        String artifactId = artifact.find() ? artifact.group(1) : module;
        String first = path.split("/")[0];
        if (path.endsWith(".jar") || first.endsWith(".jar")) {
            if (!glob(first).matcher(artifactId + "-1.0.0-SNAPSHOT.jar").matches()) {
                problem(where, module + "/target/" + first + " does not match the jar the module builds (" + artifactId + "-<version>.jar)");
            }
        } else if (!pom.contains("/" + first + "</outputDirectory>") && !pom.contains(">" + first + "/</classpathPrefix>")) {
            problem(where, module + "/target/" + first + " is not a directory " + module + "/pom.xml fills (no outputDirectory .../" + first + ")");
        }
    }

    private static boolean copiedTo(Dockerfile d, String path) {
        for (Dockerfile.Copy c : d.copies()) {
            String dest = c.destination();
            if (dest.equals(path)) return true;
            if (dest.endsWith("/") && path.startsWith(dest) && path.indexOf('/', dest.length()) < 0) {
                String file = path.substring(dest.length());
                for (String src : c.sources()) {
                    String name = src.substring(src.lastIndexOf('/') + 1);
                    // a glob over Quarkus's quarkus-app folder yields exactly one jar: quarkus-run.jar
                    if (name.contains("*") && src.contains("/target/quarkus-app/")) {
                        if (glob(name).matcher("quarkus-run.jar").matches() && file.equals("quarkus-run.jar")) return true;
                    } else if (name.isEmpty() || glob(name).matcher(file).matches()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<String> readIgnore(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        return read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                .map(l -> l.replaceAll("^/+|/+$", "")).toList();
    }

    private static boolean matchesIgnore(String pattern, String path) {
        String p = path.replaceAll("^\\./", "");
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path candidate = Path.of(p);
        for (int n = 1; n <= candidate.getNameCount(); n++) {
            if (m.matches(candidate.subpath(0, n))) return true;
            if (pattern.startsWith("**/") && m.matches(Path.of("x").resolve(candidate.subpath(0, n)))) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- compose, nginx, Prometheus, Grafana

    /** What compose runs: its service name, the Guildhall app it is (if any), its environment. */
    record Service(String name, App app, String image, Map<String, String> env, Map<String, Object> spec) {}

    @SuppressWarnings("unchecked")
    private void checkCompose(Map<String, Object> compose) {
        String where = "docker/compose.yaml";
        Path dir = root.resolve("docker");
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> volumes = map(compose.get("volumes"));
        Map<String, Service> svc = new LinkedHashMap<>();
        services.forEach((name, raw) -> {
            Map<String, Object> s = map(raw);
            App app = null;
            Object build = s.get("build");
            if (build != null) {
                String context = build instanceof String str ? str : String.valueOf(map(build).get("context"));
                String dockerfile = build instanceof String ? "Dockerfile" : String.valueOf(map(build).getOrDefault("dockerfile", "Dockerfile"));
                Path ctx = dir.resolve(context).normalize();
                if (!Files.isDirectory(ctx)) problem(where, name + ": build context " + context + " is not a directory");
                Path df = ctx.resolve(dockerfile).normalize();
                if (!Files.isRegularFile(df)) {
                    problem(where, name + ": dockerfile " + dockerfile + " (relative to the context " + context + ") does not exist");
                } else {
                    String fn = df.getFileName().toString();
                    app = APPS.get(fn.endsWith(".Dockerfile") ? fn.substring(0, fn.length() - ".Dockerfile".length()) : "");
                    if (!ctx.equals(root)) problem(where, name + ": the Dockerfiles build from the repository root; context " + context + " is not it");
                }
            }
            svc.put(name, new Service(name, app, String.valueOf(s.getOrDefault("image", "")), env(s.get("environment")), s));
        });
        for (App app : APPS.values()) {
            if (svc.values().stream().noneMatch(s -> s.app() == app)) problem(where, "runs no " + app.name());
        }
        if (svc.values().stream().filter(s -> s.app() == APPS.get("core-api")).count() < 2) {
            problem(where, "runs fewer than two core-api replicas");
        }
        Map<String, Integer> listens = new LinkedHashMap<>();
        Map<String, Object> nginxFacts = new LinkedHashMap<>();
        for (Service s : svc.values()) {
            Integer port = s.app() != null ? Integer.valueOf(appPort(s.app(), s.env())) : imagePort(s.image());
            if (s.image().startsWith("nginx")) port = nginxListen(s, dir, nginxFacts);
            if (port != null) listens.put(s.name(), port);
        }
        for (Service s : svc.values()) {
            String at = where + " " + s.name();
            Map<String, Object> spec = s.spec();
            for (Object v : list(spec.get("volumes"))) {
                String volume = v instanceof String str ? str : String.valueOf(map(v).get("source"));
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(dir.resolve(source))) problem(at, "mounts " + source + ", which does not exist");
                } else if (!volumes.containsKey(source)) {
                    problem(at, "uses volume " + source + ", which the top-level volumes do not declare");
                }
            }
            Object deps = spec.get("depends_on");
            for (Object dep : deps instanceof Map<?, ?> m ? m.keySet() : list(deps)) {
                if (!svc.containsKey(String.valueOf(dep))) problem(at, "depends on " + dep + ", which is no service");
            }
            for (Object p : list(spec.get("ports"))) {
                String[] parts = String.valueOf(p).split(":");
                String container = parts[parts.length - 1].replaceAll("/tcp$", "");
                Integer listen = listens.get(s.name());
                if (listen != null && !container.equals(String.valueOf(listen))) {
                    problem(at, "publishes container port " + container + " but listens on " + listen);
                }
            }
            s.env().forEach((k, v) -> checkUrl(at + " " + k, v, svc, listens));
        }
        // nginx upstreams
        for (Object server : list(nginxFacts.get("upstreams"))) {
            String[] hp = String.valueOf(server).split(":");
            Service target = svc.get(hp[0]);
            if (target == null) problem("docker/nginx.conf", "upstream server " + server + " is no compose service");
            else if (!Objects.equals(listens.get(hp[0]), Integer.parseInt(hp[1]))) {
                problem("docker/nginx.conf", "upstream server " + server + " but " + hp[0] + " listens on " + listens.get(hp[0]));
            } else if (target.app() != APPS.get("core-api")) {
                problem("docker/nginx.conf", "upstream server " + server + " is not a core-api replica");
            }
        }
        long replicas = svc.values().stream().filter(s -> s.app() == APPS.get("core-api")).count();
        if (nginxFacts.containsKey("upstreams") && list(nginxFacts.get("upstreams")).size() != replicas) {
            problem("docker/nginx.conf", "balances over " + list(nginxFacts.get("upstreams")).size() + " servers but compose runs " + replicas + " core-api replicas");
        }
        checkPrometheus(svc, listens);
        checkGrafana(svc, listens, dir);
    }

    private Integer nginxListen(Service s, Path dir, Map<String, Object> facts) {
        for (Object v : list(s.spec().get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            if (parts.length >= 2 && parts[1].equals("/etc/nginx/nginx.conf") && Files.isRegularFile(dir.resolve(parts[0]))) {
                String conf = read(dir.resolve(parts[0])).replaceAll("#[^\n]*", "");
                Matcher up = Pattern.compile("upstream\\s+\\S+\\s*\\{([^}]*)}").matcher(conf);
                List<String> servers = new ArrayList<>();
                while (up.find()) {
                    Matcher server = Pattern.compile("\\bserver\\s+([A-Za-z0-9_.-]+:\\d+)").matcher(up.group(1));
                    while (server.find()) servers.add(server.group(1));
                }
                facts.put("upstreams", servers);
                Matcher listen = Pattern.compile("\\blisten\\s+(\\d+)").matcher(conf);
                if (listen.find()) return Integer.parseInt(listen.group(1));
                problem("docker/nginx.conf", "has no listen port");
            }
        }
        return 80;
    }

    private static Integer imagePort(String image) {
        String name = image.split(":")[0];
        return IMAGE_PORTS.get(name);
    }

    private void checkUrl(String where, String value, Map<String, Service> svc, Map<String, Integer> listens) {
        Matcher u = URL.matcher(value == null ? "" : value.replaceFirst("^jdbc:postgresql://", "http://"));
        if (!u.matches()) return;
        String host = u.group(1);
        if (!svc.containsKey(host)) {
            if (!host.equals("localhost") && !host.equals("127.0.0.1")) problem(where, value + " names host " + host + ", which is no compose service");
            return;
        }
        int port = u.group(2) == null ? 80 : Integer.parseInt(u.group(2));
        if (!Objects.equals(listens.get(host), port)) problem(where, value + " but " + host + " listens on " + listens.get(host));
    }

    private void checkPrometheus(Map<String, Service> svc, Map<String, Integer> listens) {
        String where = "docker/prometheus.yml";
        Map<String, Object> prom = yamlMap(where);
        if (prom == null) return;
        Set<String> scraped = new LinkedHashSet<>();
        for (Object job : list(prom.get("scrape_configs"))) {
            Map<String, Object> j = map(job);
            String path = String.valueOf(j.getOrDefault("metrics_path", "/metrics"));
            for (Object sc : list(j.get("static_configs"))) {
                for (Object t : list(map(sc).get("targets"))) {
                    String[] hp = String.valueOf(t).split(":");
                    String at = where + " job " + j.get("job_name") + " target " + t;
                    Service s = svc.get(hp[0]);
                    if (s == null) {
                        problem(at, hp[0] + " is no compose service");
                        continue;
                    }
                    scraped.add(hp[0]);
                    if (hp.length < 2 || !Objects.equals(listens.get(hp[0]), Integer.parseInt(hp[1]))) {
                        problem(at, hp[0] + " listens on " + listens.get(hp[0]));
                    }
                    if (s.app() != null) {
                        if (!path.equals(METRICS_PATH)) problem(at, "metrics_path " + path + " but Guildhall serves " + METRICS_PATH);
                        checkQuarkusEndpoints(at, s.app(), path);
                    }
                }
            }
        }
        for (Service s : svc.values()) {
            if (s.app() != null && !scraped.contains(s.name())) problem(where, "does not scrape " + s.name());
        }
    }

    private void checkGrafana(Map<String, Service> svc, Map<String, Integer> listens, Path dir) {
        Service grafana = svc.values().stream().filter(s -> s.image().startsWith("grafana/")).findFirst().orElse(null);
        if (grafana == null) {
            problem("docker/compose.yaml", "runs no Grafana");
            return;
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object v : list(grafana.spec().get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            if (parts.length >= 2) mounts.put(parts[1], dir.resolve(parts[0]).normalize());
        }
        Path provisioning = mounts.get("/etc/grafana/provisioning");
        if (provisioning == null) {
            problem("docker/compose.yaml grafana", "mounts nothing at /etc/grafana/provisioning");
            return;
        }
        Set<String> uids = new LinkedHashSet<>();
        for (Map<String, Object> doc : yamlDocsUnder(provisioning.resolve("datasources"))) {
            for (Object ds : list(doc.get("datasources"))) {
                Map<String, Object> d = map(ds);
                uids.add(String.valueOf(d.get("uid")));
                checkUrl("grafana datasource " + d.get("name"), String.valueOf(d.get("url")), svc, listens);
            }
        }
        int dashboards = 0;
        for (Map<String, Object> doc : yamlDocsUnder(provisioning.resolve("dashboards"))) {
            for (Object p : list(doc.get("providers"))) {
                String path = String.valueOf(map(map(p).get("options")).get("path"));
                Path source = mounts.get(path);
                if (source == null) {
                    problem("grafana dashboard provider " + map(p).get("name"), "reads " + path + ", which compose does not mount");
                    continue;
                }
                try (Stream<Path> files = Files.list(source)) {
                    for (Path json : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        dashboards++;
                        Object dash = parsed.get(rel(json));
                        checkDashboard(rel(json), map(dash), uids);
                    }
                } catch (IOException e) {
                    problem("grafana dashboard provider", source + " cannot be read");
                }
            }
        }
        if (dashboards == 0) problem("docker/grafana", "provisions no dashboard");
        String home = grafana.env().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        if (home != null) {
            String dirPart = home.substring(0, home.lastIndexOf('/'));
            Path source = mounts.get(dirPart);
            if (source == null || !Files.isRegularFile(source.resolve(home.substring(home.lastIndexOf('/') + 1)))) {
                problem("docker/compose.yaml grafana", "home dashboard " + home + " is not a mounted file");
            }
        }
    }

    private void checkDashboard(String where, Map<String, Object> dash, Set<String> uids) {
        List<Object> panels = list(dash.get("panels"));
        if (panels.isEmpty()) problem(where, "has no panels");
        String all = String.valueOf(dash);
        for (String needed : List.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "guildhall_wars_created_total", "guildhall_cases_created_total", "guildhall_automod_verdicts_total")) {
            if (!all.contains(needed)) problem(where, "shows no " + needed);
        }
        for (Object p : panels) {
            Map<String, Object> panel = map(p);
            Object ds = panel.get("datasource");
            if (ds != null && !uids.contains(String.valueOf(map(ds).get("uid")))) {
                problem(where, "panel '" + panel.get("title") + "' uses data source uid " + map(ds).get("uid") + ", which is not provisioned");
            }
        }
    }

    private List<Map<String, Object>> yamlDocsUnder(Path dir) {
        List<Map<String, Object>> docs = new ArrayList<>();
        if (!Files.isDirectory(dir)) return docs;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) docs.addAll(yamlDocs(rel(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    // ---------------------------------------------------------------- Kubernetes

    record K8s(String file, String kind, String name, Map<String, Object> doc) {}

    private void checkKubernetes() {
        Path dir = root.resolve("docker/k8s");
        if (!Files.isDirectory(dir)) {
            problem("docker/k8s", "is missing");
            return;
        }
        List<K8s> objects = new ArrayList<>();
        parsed.keySet().stream().filter(f -> f.startsWith("docker/k8s/") && !f.endsWith("kustomization.yaml")).forEach(f -> {
            for (Map<String, Object> doc : yamlDocs(f)) {
                String kind = String.valueOf(doc.get("kind"));
                String name = String.valueOf(map(doc.get("metadata")).get("name"));
                if (doc.get("apiVersion") == null || doc.get("kind") == null || name.equals("null")) {
                    problem(f, "has an object without apiVersion, kind or metadata.name");
                }
                objects.add(new K8s(f, kind, name, doc));
            }
        });
        Map<String, Object> kustomization = yamlMap("docker/k8s/kustomization.yaml");
        if (kustomization != null) {
            for (Object r : list(kustomization.get("resources"))) {
                if (!Files.isRegularFile(dir.resolve(String.valueOf(r)))) problem("docker/k8s/kustomization.yaml", "resource " + r + " does not exist");
            }
        }
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (K8s o : objects) {
            if (o.kind().equals("ConfigMap")) configMaps.put(o.name(), strings(o.doc().get("data")));
            if (o.kind().equals("Secret")) {
                Map<String, String> data = strings(o.doc().get("stringData"));
                secrets.put(o.name(), data);
                data.forEach((k, v) -> {
                    if (!v.startsWith("REPLACE_ME")) problem(o.file(), "Secret " + o.name() + " key " + k + " holds a value, not a REPLACE_ME placeholder");
                });
                if (o.doc().get("data") != null) problem(o.file(), "Secret " + o.name() + " has base64 data; examples use stringData placeholders");
            }
        }
        List<K8s> workloads = objects.stream().filter(o -> o.kind().equals("Deployment") || o.kind().equals("StatefulSet")).toList();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (K8s s : objects) {
            if (!s.kind().equals("Service")) continue;
            for (Object p : list(map(s.doc().get("spec")).get("ports"))) servicePorts.put(s.name() + ":" + map(p).get("port"), 1);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (K8s w : workloads) {
            Map<String, Object> spec = map(w.doc().get("spec"));
            Map<String, Object> template = map(spec.get("template"));
            Map<String, String> labels = strings(map(template.get("metadata")).get("labels"));
            Map<String, String> selector = strings(map(spec.get("selector")).get("matchLabels"));
            String at = w.file() + " " + w.kind() + "/" + w.name();
            if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
                problem(at, "selector " + selector + " does not match the pod labels " + labels);
            }
            Map<String, Object> podSpec = map(template.get("spec"));
            for (Object c : list(podSpec.get("containers"))) {
                Map<String, Object> container = map(c);
                String image = String.valueOf(container.get("image"));
                String appName = image.replaceAll(":[^/]*$", "").replaceAll(".*/", "");
                App app = APPS.get(appName);
                if (app == null) {
                    problem(at, "runs image " + image + ", which is no Guildhall service");
                    continue;
                }
                seen.add(app.name());
                Map<String, String> env = new LinkedHashMap<>();
                for (Object ef : list(container.get("envFrom"))) {
                    Map<String, Object> ref = map(map(ef).get("configMapRef"));
                    Map<String, Object> sref = map(map(ef).get("secretRef"));
                    if (!ref.isEmpty()) {
                        Map<String, String> cm = configMaps.get(String.valueOf(ref.get("name")));
                        if (cm == null) problem(at, "envFrom ConfigMap " + ref.get("name") + " is not in docker/k8s");
                        else env.putAll(cm);
                    }
                    if (!sref.isEmpty() && !secrets.containsKey(String.valueOf(sref.get("name")))) {
                        problem(at, "envFrom Secret " + sref.get("name") + " is not in docker/k8s");
                    }
                }
                for (Object e : list(container.get("env"))) {
                    Map<String, Object> var = map(e);
                    if (var.get("value") != null) env.put(String.valueOf(var.get("name")), String.valueOf(var.get("value")));
                    Map<String, Object> from = map(var.get("valueFrom"));
                    for (String kind : List.of("secretKeyRef", "configMapKeyRef")) {
                        Map<String, Object> ref = map(from.get(kind));
                        if (ref.isEmpty()) continue;
                        Map<String, String> source = (kind.equals("secretKeyRef") ? secrets : configMaps).get(String.valueOf(ref.get("name")));
                        if (source == null || !source.containsKey(String.valueOf(ref.get("key")))) {
                            problem(at, var.get("name") + " reads " + kind + " " + ref.get("name") + "/" + ref.get("key") + ", which docker/k8s does not define");
                        }
                    }
                }
                int port = appPort(app, env);
                Map<String, Integer> named = new LinkedHashMap<>();
                for (Object p : list(container.get("ports"))) {
                    Map<String, Object> cp = map(p);
                    int cport = ((Number) cp.get("containerPort")).intValue();
                    named.put(String.valueOf(cp.getOrDefault("name", cport)), cport);
                    if (cport != port) problem(at, "containerPort " + cport + " but " + app.name() + " listens on " + port + " (" + app.portVariable() + ")");
                }
                if (named.isEmpty()) problem(at, "declares no containerPort");
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
                    if (get.isEmpty()) {
                        if (!probe.equals("startupProbe")) problem(at, "has no " + probe + " with httpGet");
                        continue;
                    }
                    String path = String.valueOf(get.get("path"));
                    checkHealthPath(at + " " + probe, path, app);
                    if (probe.equals("readinessProbe") && !path.equals("/q/health/ready")) problem(at, "readinessProbe must call /q/health/ready, not " + path);
                    if (probe.equals("livenessProbe") && !path.equals("/q/health/live")) problem(at, "livenessProbe must call /q/health/live, not " + path);
                    Object p = get.get("port");
                    Integer resolved = p instanceof Number n ? Integer.valueOf(n.intValue()) : named.get(String.valueOf(p));
                    if (resolved == null || resolved != port) problem(at, probe + " port " + p + " is not the port " + app.name() + " listens on (" + port + ")");
                }
                Map<String, String> resources = strings(map(container.get("resources")).get("requests"));
                if (!resources.containsKey("cpu") || !resources.containsKey("memory")) problem(at, "has no cpu/memory requests");
                checkHeap(at, env.getOrDefault("JAVA_OPTS", ""), strings(map(container.get("resources")).get("limits")).get("memory"));
                Map<String, String> ann = strings(map(template.get("metadata")).get("annotations"));
                if (ann.containsKey("prometheus.io/port") && !ann.get("prometheus.io/port").equals(String.valueOf(port))) {
                    problem(at, "prometheus.io/port " + ann.get("prometheus.io/port") + " but the service listens on " + port);
                }
                if (ann.containsKey("prometheus.io/path")) {
                    if (!ann.get("prometheus.io/path").equals(METRICS_PATH)) problem(at, "prometheus.io/path is not " + METRICS_PATH);
                    checkQuarkusEndpoints(at, app, METRICS_PATH);
                }
                env.forEach((k, v) -> {
                    Matcher u = URL.matcher(v);
                    if (u.matches() && !u.group(1).contains(".") && !servicePorts.containsKey(u.group(1) + ":" + (u.group(2) == null ? "80" : u.group(2)))) {
                        problem(at, k + "=" + v + " names no Service port in docker/k8s");
                    }
                });
                if (app.name().equals("discord-client")) checkShards(at, w, env, spec);
            }
        }
        for (App app : APPS.values()) if (!seen.contains(app.name())) problem("docker/k8s", "deploys no " + app.name());
        if (workloads.stream().noneMatch(w -> w.kind().equals("StatefulSet") && w.name().equals("discord-client"))) {
            problem("docker/k8s", "discord-client must be a StatefulSet (its pod ordinal selects the shards)");
        }
        for (K8s s : objects) {
            if (s.kind().equals("Service")) checkK8sService(s, workloads);
            if (s.kind().equals("HorizontalPodAutoscaler")) {
                Map<String, Object> ref = map(map(s.doc().get("spec")).get("scaleTargetRef"));
                boolean found = workloads.stream().anyMatch(w -> w.kind().equals(ref.get("kind")) && w.name().equals(ref.get("name")));
                if (!found) problem(s.file(), "HorizontalPodAutoscaler " + s.name() + " scales " + ref.get("kind") + "/" + ref.get("name") + ", which docker/k8s does not define");
            }
        }
        if (objects.stream().noneMatch(o -> o.kind().equals("HorizontalPodAutoscaler"))) problem("docker/k8s", "has no HorizontalPodAutoscaler");
    }

    /**
     * The JVM's heap must leave room for the rest of the process under the memory limit: metaspace,
     * code cache, threads and GC take ~150Mi in core-api (NativeMemoryTracking, bench/RESULTS.md).
     */
    private void checkHeap(String at, String javaOpts, String limit) {
        if (limit == null) {
            problem(at, "has no memory limit, so the JVM sizes its heap from the node's memory");
            return;
        }
        Matcher q = Pattern.compile("^(\\d+)(Mi|Gi)$").matcher(limit);
        if (!q.matches()) return;
        long limitMi = Long.parseLong(q.group(1)) * (q.group(2).equals("Gi") ? 1024 : 1);
        Matcher pct = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(javaOpts);
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(javaOpts);
        double heapMi = pct.find() ? limitMi * Double.parseDouble(pct.group(1)) / 100
                : xmx.find() ? Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1) : limitMi / 4.0;
        if (limitMi - heapMi < 150) {
            problem(at, String.format("heap %.0fMi leaves %.0fMi of the %dMi limit for the rest of the JVM (needs ~150Mi): OOM-kill risk",
                    heapMi, limitMi - heapMi, limitMi));
        }
    }

    private void checkShards(String at, K8s w, Map<String, String> env, Map<String, Object> spec) {
        if (!w.kind().equals("StatefulSet")) return;
        int replicas = ((Number) spec.getOrDefault("replicas", 1)).intValue();
        int perPod = Integer.parseInt(env.getOrDefault("DISCORD_SHARDS_PER_POD", "1"));
        String total = env.get("DISCORD_SHARD_TOTAL");
        if (total == null || Integer.parseInt(total) != replicas * perPod) {
            problem(at, "DISCORD_SHARD_TOTAL " + total + " is not replicas (" + replicas + ") x DISCORD_SHARDS_PER_POD (" + perPod + ")");
        }
        if (env.containsKey("DISCORD_SHARD_IDS")) problem(at, "sets DISCORD_SHARD_IDS, so every pod would run the same shards");
        String serviceName = String.valueOf(spec.get("serviceName"));
        if (!parsed.keySet().stream().filter(f -> f.startsWith("docker/k8s/")).flatMap(f -> yamlDocs(f).stream())
                .anyMatch(d -> "Service".equals(d.get("kind")) && serviceName.equals(map(d.get("metadata")).get("name"))
                        && "None".equals(String.valueOf(map(d.get("spec")).get("clusterIP"))))) {
            problem(at, "serviceName " + serviceName + " is no headless Service (clusterIP: None)");
        }
    }

    private void checkK8sService(K8s s, List<K8s> workloads) {
        Map<String, Object> spec = map(s.doc().get("spec"));
        Map<String, String> selector = strings(spec.get("selector"));
        Optional<K8s> target = workloads.stream().filter(w -> strings(map(map(map(w.doc().get("spec")).get("template")).get("metadata")).get("labels"))
                .entrySet().containsAll(selector.entrySet())).findFirst();
        if (selector.isEmpty() || target.isEmpty()) {
            problem(s.file(), "Service " + s.name() + " selects " + selector + ", which matches no Deployment or StatefulSet");
            return;
        }
        Map<String, Object> podSpec = map(map(map(target.get().doc().get("spec")).get("template")).get("spec"));
        Set<String> ports = new LinkedHashSet<>();
        for (Object c : list(podSpec.get("containers"))) {
            for (Object p : list(map(c).get("ports"))) {
                ports.add(String.valueOf(map(p).get("name")));
                ports.add(String.valueOf(map(p).get("containerPort")));
            }
        }
        for (Object p : list(spec.get("ports"))) {
            Object tp = map(p).getOrDefault("targetPort", map(p).get("port"));
            if (!ports.contains(String.valueOf(tp))) problem(s.file(), "Service " + s.name() + " targetPort " + tp + " is no container port of " + target.get().name());
        }
    }

    // ---------------------------------------------------------------- bench

    /** bench/run.sh and the wrk scripts: every script they name is in bench/, and the jar is core-api's. */
    private void checkBench() {
        Path bench = root.resolve("bench");
        Path run = bench.resolve("run.sh");
        if (!Files.isRegularFile(run)) {
            problem("bench/run.sh", "is missing");
            return;
        }
        List<Path> scripts = new ArrayList<>(List.of(run));
        try (Stream<Path> files = Files.list(bench)) {
            files.filter(f -> f.toString().endsWith(".lua")).sorted().forEach(scripts::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path script : scripts) {
            Matcher lua = Pattern.compile("(?<![A-Za-z0-9_-])(?<!ceiling/)([A-Za-z0-9_-]+\\.lua)").matcher(read(script));
            while (lua.find()) {
                if (!Files.isRegularFile(bench.resolve(lua.group(1)))) problem(rel(script), "names " + lua.group(1) + ", which is not in bench/");
            }
        }
        Matcher jar = Pattern.compile("\\$ROOT/([A-Za-z0-9_-]+)/target/quarkus-app/quarkus-run\\.jar").matcher(read(run));
        if (!jar.find()) problem("bench/run.sh", "does not run a module's target/quarkus-app/quarkus-run.jar");
        else checkTargetPath("bench/run.sh", jar.group(1), "quarkus-app/quarkus-run.jar");
    }

    // ---------------------------------------------------------------- helpers

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private void note(String what) {
        if (!notes.contains(what)) notes.add(what);
    }

    private String rel(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path p) {
        Properties props = new Properties();
        try (var r = Files.newBufferedReader(p)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    private static boolean exists(Path base, String pathWithGlob) {
        if (!pathWithGlob.contains("*")) return Files.exists(base.resolve(pathWithGlob));
        Path parent = base.resolve(pathWithGlob).getParent();
        if (!Files.isDirectory(parent)) return false;
        Pattern g = glob(Path.of(pathWithGlob).getFileName().toString());
        try (Stream<Path> files = Files.list(parent)) {
            return files.anyMatch(f -> g.matcher(f.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') re.append("[^/]*");
            else if (ch == '?') re.append("[^/]");
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Compose's environment as a map (both the mapping and the list of K=V form). */
    private static Map<String, String> env(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        for (Object e : list(o)) {
            String[] kv = String.valueOf(e).split("=", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return out;
    }
}
