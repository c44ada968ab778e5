package io.loomcql.it.harness;

import java.util.concurrent.atomic.AtomicLong;

/** What the test classes sharing the single node saw of it, to show that they saw the same JVM. */
final class SharedNodeObservations {

    /** The pid the first class to run saw; 0 until then. */
    static final AtomicLong FIRST_PID = new AtomicLong();

    private SharedNodeObservations() {
    }

    /** Records {@code pid} if it is the first, and returns the first one seen. */
    static long firstPid(long pid) {
        FIRST_PID.compareAndSet(0, pid);
        return FIRST_PID.get();
    }
}
