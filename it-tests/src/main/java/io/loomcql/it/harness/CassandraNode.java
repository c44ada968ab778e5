package io.loomcql.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cassandra node: a JVM running {@code CassandraDaemon}, forked with a server JDK (11/17) and
 * the server class path of the cassandra-server module. Its files (yaml, data, log) live in
 * {@link NodeSpec#directory()} and survive {@link #kill()}, so {@link #restart()} is a recovery.
 *
 * <p>Thread-safe: start/stop transitions take a lock; the process is read through a volatile.
 */
public final class CassandraNode implements TestNode {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    static final String READY_LOG_LINE = "Starting listening for CQL clients";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(CassandraNode.class);

    private final NodeSpec spec;
    private final ServerJdk jdk;
    private final CassandraClasspath classpath;
    private final boolean detached;
    private final NodeLog log;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile Process process;
    private volatile boolean paused;
    /** The other nodes of its cluster, which must see it UP again after a restart. */
    private volatile List<CassandraNode> peers = List.of();

    /**
     * @param detached true for a node that must outlive this JVM (bin/demo): it gets a session of
     *     its own and no shutdown hook kills it
     */
    public CassandraNode(NodeSpec spec, ServerJdk jdk, CassandraClasspath classpath, boolean detached) {
        this.spec = spec;
        this.jdk = jdk;
        this.classpath = classpath;
        this.detached = detached;
        this.log = new NodeLog(spec.logFile());
    }

    public NodeSpec spec() {
        return spec;
    }

    @Override
    public int number() {
        return spec.number();
    }

    @Override
    public String address() {
        return spec.address();
    }

    @Override
    public int nativePort() {
        return spec.nativePort();
    }

    public Path logFile() {
        return spec.logFile();
    }

    NodeLog log() {
        return log;
    }

    void joinedWith(List<CassandraNode> clusterNodes) {
        this.peers = clusterNodes.stream().filter(node -> node != this).toList();
    }

    /** The pid of the running JVM; fails if the node is not running. */
    public long pid() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(spec.name() + " is not running");
        }
        return current.pid();
    }

    @Override
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public boolean isPaused() {
        return paused && isRunning();
    }

    /** Forks the node's JVM and returns at once; see {@link #awaitReady(Duration)}. */
    public void start() {
        lifecycle.lock();
        try {
            if (isRunning()) {
                throw new IllegalStateException(spec.name() + " is already running (pid " + process.pid() + ")");
            }
            killLeftoverOfEarlierRun(spec);
            requirePortsFree();
            NodeFiles.write(spec);
            log.markStart();
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(spec.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process started = builder.start();
            process = started;
            paused = false;
            if (!detached) {
                RunningNodes.add(started.toHandle());
            }
            NodePidFile.write(spec.pidFile(), started.pid());
            LOG.info("Started {} (pid {}) on {}:{} with JDK {}; log {}", spec.name(), started.pid(),
                    spec.address(), spec.nativePort(), jdk.featureVersion(), spec.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Waits until the node logged that it listens for CQL clients and its port accepts a connection.
     * Fails with the end of the node's log if the JVM exits first or the time runs out (the JVM is
     * left running then; stop it or let the shutdown hook do it).
     */
    public void awaitReady(Duration timeout) {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(spec.name() + " was never started");
        }
        Instant deadline = Instant.now().plus(timeout);
        Instant begin = Instant.now();
        // The line comes just before the port is bound; each log read sees only new text, so remember it.
        boolean readyLineLogged = false;
        while (true) {
            if (!current.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + current.exitValue()
                        + " before it was ready. Last lines of " + spec.logFile() + ":\n" + log.tail(60));
            }
            readyLineLogged = readyLineLogged || log.containsSinceLastCall(READY_LOG_LINE);
            if (readyLineLogged && acceptsConnections()) {
                LOG.info("{} is ready after {} ms", spec.name(), Duration.between(begin, Instant.now()).toMillis());
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(spec.name() + " was not ready after " + timeout.toSeconds()
                        + " s. Last lines of " + spec.logFile() + ":\n" + log.tail(60),
                        new TimeoutException());
            }
            sleep(POLL_INTERVAL);
        }
    }

    @Override
    public void stop() {
        lifecycle.lock();
        try {
            Process current = process;
            if (current == null) {
                return;
            }
            if (current.isAlive()) {
                if (paused) {
                    // A stopped process would not act on SIGTERM until resumed.
                    ProcessSignals.resume(current.pid());
                }
                current.destroy();
                if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {} s of SIGTERM; killing it", spec.name(),
                            STOP_TIMEOUT.toSeconds());
                    current.destroyForcibly().waitFor();
                }
            }
            // Also when it had already exited (after requestStop, or a crash of its own).
            forget(current);
            LOG.info("Stopped {} (exit code {})", spec.name(), current.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + spec.name(), e);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Sends SIGTERM without waiting, so that a cluster can stop its nodes side by side. */
    void requestStop() {
        Process current = process;
        if (current != null && current.isAlive()) {
            if (paused) {
                ProcessSignals.resume(current.pid());
                paused = false;
            }
            current.destroy();
        }
    }

    @Override
    public void kill() {
        lifecycle.lock();
        try {
            Process current = process;
            if (current == null) {
                return;
            }
            current.destroyForcibly().waitFor();
            forget(current);
            LOG.info("Killed {} (SIGKILL)", spec.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + spec.name(), e);
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void pause() {
        ProcessSignals.stop(pid());
        paused = true;
        LOG.info("Paused {} (SIGSTOP)", spec.name());
    }

    @Override
    public void resume() {
        ProcessSignals.resume(pid());
        paused = false;
        LOG.info("Resumed {} (SIGCONT)", spec.name());
    }

    /** Also waits until this node and its running peers see each other UP again, as a real recovery does. */
    @Override
    public void restart() {
        List<CassandraNode> runningPeers = peers.stream().filter(peer -> peer.isRunning() && !peer.isPaused()).toList();
        // Counted from now: the peers' logs already tell of this node's previous life.
        List<Long> peerLogSizes = runningPeers.stream().map(peer -> peer.log.size()).toList();
        stop();
        start();
        awaitReady(DEFAULT_START_TIMEOUT);
        List<GossipSightings.Sighting> sightings = new ArrayList<>();
        for (int i = 0; i < runningPeers.size(); i++) {
            CassandraNode peer = runningPeers.get(i);
            sightings.add(new GossipSightings.Sighting(this, peer, log.startOffset()));
            sightings.add(new GossipSightings.Sighting(peer, this, peerLogSizes.get(i)));
        }
        GossipSightings.await(sightings, GossipSightings.TIMEOUT);
        List<CassandraNode> observers = new ArrayList<>(runningPeers);
        observers.add(this);
        PeerTables.await(observers, peers.size() + 1, GossipSightings.TIMEOUT);
    }

    @Override
    public String toString() {
        return spec.name() + "@" + spec.address() + ":" + spec.nativePort();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // A session of its own: Ctrl-C in the launching terminal does not reach the node.
            // setsid execs in place, so the pid stays the JVM's.
            command.add("/usr/bin/setsid");
        }
        command.add(jdk.javaExecutable().toString());
        command.addAll(jdk.serverJvmFlags());
        command.add("-Xms" + spec.heap());
        command.add("-Xmx" + spec.heap());
        command.add("-javaagent:" + classpath.jammJar());
        command.add("-Dcassandra.config=" + spec.confDirectory().resolve("cassandra.yaml").toUri());
        command.add("-Dcassandra-rackdc.properties="
                + spec.confDirectory().resolve("cassandra-rackdc.properties").toUri());
        command.add("-Dlogback.configurationFile=" + spec.confDirectory().resolve("logback.xml"));
        command.add("-Dcassandra.storagedir=" + spec.dataDirectory());
        command.add("-Dcassandra.logdir=" + spec.directory().resolve("logs"));
        command.add("-Dcassandra.triggers_dir=" + spec.confDirectory().resolve("triggers"));
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.jmx.local.port=" + spec.jmxPort());
        // Test clusters start empty, on one machine: no reason to wait for gossip or a ring delay.
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.ring_delay_ms=1000");
        // With PasswordAuthenticator the default superuser otherwise appears only after 10 s.
        command.add("-Dcassandra.superuser_setup_delay_ms=0");
        command.add("-Djava.net.preferIPv4Stack=true");
        // Last, so that a test's own value of any of the above wins.
        spec.systemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        // The conf directory first: Cassandra also looks up cassandra-rackdc.properties as a resource.
        command.add(spec.confDirectory() + File.pathSeparator + classpath.asArgument());
        command.add("org.apache.cassandra.service.CassandraDaemon");
        return command;
    }

    /**
     * A node of a run that died without its shutdown hook (SIGKILL of surefire) still holds the
     * ports: kill it if the pid file names a live CassandraDaemon of this very directory.
     */
    static void killLeftoverOfEarlierRun(NodeSpec spec) throws IOException {
        Optional<ProcessHandle> leftover = NodePidFile.runningNode(spec.pidFile(), spec.directory());
        if (leftover.isEmpty()) {
            return;
        }
        LOG.warn("Killing pid {}, a node of an earlier run left in {}", leftover.get().pid(), spec.directory());
        leftover.get().destroyForcibly();
        try {
            leftover.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Leftover node pid " + leftover.get().pid() + " did not die", e);
        }
    }

    private void requirePortsFree() {
        requirePortFree(spec.address(), spec.nativePort(), "native transport");
        requirePortFree(spec.address(), spec.storagePort(), "storage");
        requirePortFree("127.0.0.1", spec.jmxPort(), "JMX");
    }

    private void requirePortFree(String address, int port, String what) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + spec.name() + ": the " + what + " port " + address
                    + ":" + port + " is taken (" + e.getMessage() + "). Is another Cassandra running? "
                    + "`ss -ltnp | grep " + port + "` shows who holds it.", e);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.address(), spec.nativePort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void forget(Process stopped) {
        RunningNodes.remove(stopped.toHandle());
        process = null;
        paused = false;
        try {
            Files.deleteIfExists(spec.pidFile());
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", spec.pidFile(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a Cassandra node", e);
        }
    }
}
