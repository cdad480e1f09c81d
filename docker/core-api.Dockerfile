# syntax=docker/dockerfile:1
# core-api: the Quarkus REST API (fast-jar layout, target/quarkus-app).
# Build from the repository root (the build context is the whole project):
#   docker build -f docker/core-api.Dockerfile -t guildhall/core-api .
# Runs against QUARKUS_DATASOURCE_JDBC_URL; without it core-api would start its embedded
# PostgreSQL inside the container, which is for laptops, not for deployments.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so only changed code is rebuilt.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -pl core-api -am package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK (the Temurin images do not promise one)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 guildhall \
 && useradd --system --uid 10001 --gid guildhall --home-dir /app --shell /usr/sbin/nologin guildhall
WORKDIR /app
# One layer per part of the fast-jar, least often changed first.
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/lib/ /app/lib/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/*.jar /app/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/app/ /app/app/
COPY --from=build --chown=10001:10001 /src/core-api/target/quarkus-app/quarkus/ /app/quarkus/
USER 10001
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:MaxRAMPercentage=19 -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=50 -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
