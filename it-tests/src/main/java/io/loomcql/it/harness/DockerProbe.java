package io.loomcql.it.harness;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM through Testcontainers. The question runs on
 * a daemon thread under a time limit: a half-configured Docker must not hang the test run.
 */
final class DockerProbe {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(20);

    /** @param reason why Docker cannot be used, or what answered */
    record Result(boolean available, String reason) {
    }

    private static final CompletableFuture<Result> RESULT = new CompletableFuture<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DockerProbe() {
    }

    static Result result() {
        if (STARTED.compareAndSet(false, true)) {
            Thread probe = new Thread(DockerProbe::probe, "loomcql-docker-probe");
            probe.setDaemon(true);
            probe.start();
        }
        try {
            return RESULT.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            RESULT.complete(new Result(false, "the Docker check did not answer within " + TIME_LIMIT.toSeconds() + " s"));
            return RESULT.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted while checking for Docker");
        } catch (ExecutionException e) {
            return new Result(false, "the Docker check failed: " + e.getCause());
        }
    }

    private static void probe() {
        try {
            DockerClientFactory factory = DockerClientFactory.instance();
            if (factory.isDockerAvailable()) {
                RESULT.complete(new Result(true, "Docker engine " + factory.getActiveApiVersion() + " answered"));
            } else {
                RESULT.complete(new Result(false, "Testcontainers found no working Docker engine"));
            }
        } catch (Throwable e) {
            RESULT.complete(new Result(false, "the Docker check failed: " + e));
        }
    }
}
