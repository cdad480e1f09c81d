# syntax=docker/dockerfile:1
# core-api: the Quarkus REST API, packaged as aot-jar (target/quarkus-app) and started with a JDK AOT
# cache (JEP 483/514/515) that the image's own training run writes: about half the start-up time of
# the plain JVM (bench/RESULTS.md, run 20).
# Build from the repository root (the build context is the whole project):
#   docker build -f docker/core-api.Dockerfile -t guildhall/core-api .
# Runs against QUARKUS_DATASOURCE_JDBC_URL; without it core-api would start its embedded
# PostgreSQL inside the container, which is for laptops, not for deployments.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so only changed code is rebuilt.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -pl core-api -am package -DskipTests -Dquarkus.package.jar.type=aot-jar

# JDK 25: the AOT cache needs 24+, -XX:AOTCacheOutput 25+. The code is built for 17 and tested there too.
FROM eclipse-temurin:25-jre
# curl for the HEALTHCHECK (the Temurin images do not promise one)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 guildhall \
 && useradd --system --uid 10001 --gid guildhall --home-dir /app --shell /usr/sbin/nologin guildhall
WORKDIR /app
# One layer per part of the application, least often changed first.
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/lib/ /app/lib/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/*.jar /app/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/app/ /app/app/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/quarkus/ /app/quarkus/
COPY --from=build --chown=10001:10001 /src/docker/core-api-aot-train.sh /app/aot-train.sh
USER 10001
# Why each JVM option: docker/k8s/configmap.yaml, which sets the same.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:MaxRAMPercentage=19 -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:-ClassUnloadingWithConcurrentMark -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
# The AOT training run, in this image so the cache matches its JDK, class path and JAVA_OPTS: core-api
# starts on its embedded PostgreSQL (throw-away, in /tmp), aot-train.sh drives every kind of request
# through the API and stops it, and the JVM writes /app/app.aot as it exits. Changing JAVA_OPTS at run
# time keeps the cache in use unless a flag it records differs (-XX:+UseCompactObjectHeaders, for one):
# then the JVM logs "Unable to use AOT cache" and starts without it, as a JVM without a cache would.
# -Xmx97m: the heap of the 512Mi container (19 %), not 19 % of the builder's memory; a heap over 32 GiB
# would train without compressed oops, and no container could use the cache.
RUN GUILDHALL_DATA_DIR=/tmp/aot-training \
    /app/aot-train.sh sh -c 'exec java $JAVA_OPTS -Xmx97m -XX:AOTCacheOutput=/app/app.aot -jar /app/quarkus-run.jar' \
 && test -s /app/app.aot \
 && rm -rf /tmp/aot-training /tmp/embedded-pg
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=/app/app.aot -jar /app/quarkus-run.jar"]
