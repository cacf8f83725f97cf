# syntax=docker/dockerfile:1
# Build stage: Maven + Node (npm vendors the front-end components at build time).
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml package.json package-lock.json ./
RUN mvn -B -q dependency:go-offline -DexcludeArtifactIds=playwright
COPY src ./src
COPY templates ./templates
COPY static ./static
COPY models/manifest.json ./models/manifest.json
RUN mvn -B -q -DskipTests package

# Runtime stage: a slim JRE with the jar and its libraries.
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app belladonna
WORKDIR /app
COPY --from=build /src/target/belladonna.jar /app/belladonna.jar
COPY --from=build /src/target/lib /app/lib
RUN mkdir -p /app/data /app/models /app/.djl.ai && chown -R belladonna /app
USER belladonna
ENV BELLADONNA_DATA=/app/data BELLADONNA_MODELS=/app/models DJL_CACHE_DIR=/app/.djl.ai
# One malloc arena that never mmaps: libtorch then reuses its freed activations instead of faulting them in
# again on every pass (5x less CPU per encoder pass at 512 px); the same settings as ./belladonna, which
# explains them.
ENV MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824
VOLUME ["/app/data", "/app/models"]
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/7070 && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "200" <&3'
ENTRYPOINT ["java", "-jar", "/app/belladonna.jar"]
# 0.0.0.0 is not loopback, so the studio needs accounts: the first start prints the admin's password once
# (see `docker logs`), or make one first: docker run --rm -i -v bd-data:/app/data IMAGE users add NAME --role admin
# /health stays public for the health check above.
CMD ["serve", "--host", "0.0.0.0", "--port", "7070"]
