package io.loomcql.it.harness;

import java.net.InetSocketAddress;

/**
 * One node of a {@link TestCluster}, with the faults a test can inflict on it. Nodes that the
 * harness does not own (an external cluster, a container) answer the fault methods with
 * {@link org.opentest4j.TestAbortedException}, which JUnit reports as a skipped test.
 */
public interface TestNode {

    /** 1-based: node N of a forked cluster listens on 127.0.0.N. */
    int number();

    /** The address the node listens on for CQL clients (and for its peers). */
    String address();

    int nativePort();

    default InetSocketAddress contactPoint() {
        return new InetSocketAddress(address(), nativePort());
    }

    boolean isRunning();

    /** SIGTERM, then SIGKILL if the JVM does not exit in time: the node leaves as in a shutdown. */
    void stop();

    /** SIGKILL: a crash. The node's files stay, so {@link #restart()} brings it back. */
    void kill();

    /** SIGSTOP: the node stays connected but answers nothing, like a node in a long GC pause. */
    void pause();

    /** SIGCONT after {@link #pause()}. */
    void resume();

    /** Stops the node if it runs, starts it again on the same files, and waits until it takes CQL clients. */
    void restart();
}
