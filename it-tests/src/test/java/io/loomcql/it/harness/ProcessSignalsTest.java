package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGSTOP is only done when every thread of the process is stopped, as /proc tells. */
class ProcessSignalsTest {

    @Test
    void stop_returns_with_every_thread_stopped_and_resume_starts_them_again() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(ProcessSignals.allThreadsStopped(sleeper.pid())).isFalse();

            ProcessSignals.stop(sleeper.pid());
            assertThat(ProcessSignals.allThreadsStopped(sleeper.pid())).isTrue();

            ProcessSignals.resume(sleeper.pid());
            assertThat(ProcessSignals.allThreadsStopped(sleeper.pid())).isFalse();
        } finally {
            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(30, TimeUnit.SECONDS)).as("sleep process ended").isTrue();
        }
    }
}
