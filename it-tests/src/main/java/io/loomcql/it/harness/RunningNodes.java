package io.loomcql.it.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server JVMs this JVM started and has not stopped yet. A shutdown hook SIGKILLs them, so that
 * no node outlives a test run that ends abnormally (a failed extension, System.exit, Ctrl-C).
 * SIGKILL rather than a graceful stop: the hook must finish fast, and the data is thrown away.
 */
final class RunningNodes {

    private static final Set<ProcessHandle> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private RunningNodes() {
    }

    static void add(ProcessHandle process) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(RunningNodes::killAll, "loomcql-kill-cassandra-nodes"));
        }
        PROCESSES.add(process);
    }

    static void remove(ProcessHandle process) {
        PROCESSES.remove(process);
    }

    private static void killAll() {
        for (ProcessHandle process : PROCESSES) {
            // A SIGSTOPped JVM still dies of SIGKILL; no need to resume it first.
            process.destroyForcibly();
        }
    }
}
