# syntax=docker/dockerfile:1
# discord-client: the JDA bot, a plain Java main (not Quarkus).
# Build from the repository root (the build context is the whole project):
#   docker build -f docker/discord-client.Dockerfile -t guildhall/discord-client .
# Needs DISCORD_TOKEN, GUILDHALL_API_URL, GUILDHALL_API_KEY; shards with DISCORD_SHARD_IDS and
# DISCORD_SHARD_TOTAL, or POD_INDEX + DISCORD_SHARDS_PER_POD (see discord-client-entrypoint.sh).
#
# Jar layout assumed (the module's author decides; change the two ARGs if it differs): the module
# builds target/discord-client-<version>.jar whose manifest names the main class and a "lib/"
# class path, with its dependencies copied to target/lib/.

FROM maven:3.9-eclipse-temurin-17 AS build
ARG JAR_GLOB=discord-client-*.jar
ARG LIB_DIR=lib
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -pl discord-client -am package -DskipTests \
 && mkdir -p /out/lib \
 && jar=$(ls discord-client/target/${JAR_GLOB} | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' -e '-tests\.jar$' | head -1) \
 && cp "$jar" /out/discord-client.jar \
 && cp -r discord-client/target/${LIB_DIR}/. /out/lib/

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 guildhall \
 && useradd --system --uid 10001 --gid guildhall --home-dir /app --shell /usr/sbin/nologin guildhall
WORKDIR /app
COPY --from=build --chown=10001:10001 /out/lib/ /app/lib/
COPY --from=build --chown=10001:10001 /out/discord-client.jar /app/discord-client.jar
COPY --chmod=0755 docker/discord-client-entrypoint.sh /app/entrypoint.sh
USER 10001
# DISCORD_HTTP_PORT: the small health/metrics endpoint (/q/health/live, /q/health/ready, /q/metrics).
ENV DISCORD_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=35 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${DISCORD_HTTP_PORT:-8080}/q/health/live" || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
