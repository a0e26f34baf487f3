# Rollcall in a container: a layered jar (dependencies change less often than the code, so rebuilds
# reuse their layers), run as a user without privileges, with a health check on the liveness probe.
#   docker build -t rollcall .      (after ./mvnw -DskipTests package)
#   docker compose up               (two instances behind HAProxy, PostgreSQL, a mail catcher)
FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/rollcall-*.jar rollcall.jar
RUN java -Djarmode=tools -jar rollcall.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system rollcall && useradd --system --gid rollcall --home-dir /app rollcall
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
RUN mkdir -p /app/data /app/spool && chown -R rollcall:rollcall /app/data /app/spool
USER rollcall
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75" \
    ROLLCALL_IMPORT_SPOOL_DIRECTORY=/app/spool
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
