package io.loomcql.transport;

/**
 * A snapshot of what a {@link io.loomcql.transport.spi.TransportFactory}'s connections did since it was created: cheap
 * counters meant for benchmarks and metrics (frames per write syscall = {@code framesWritten /
 * flushes}).
 *
 * @param framesWritten request frames handed to the socket
 * @param flushes write syscalls (gathering writes) that carried them
 * @param bytesWritten bytes written to sockets (after compression and TLS)
 * @param bytesRead bytes read from sockets (before decompression and TLS)
 * @param wakeups times a thread woke a sleeping selector loop (or timer thread) to hand it work
 * @param inFlight requests written and not yet answered, orphans included, at snapshot time
 */
public record TransportCounters(
    long framesWritten, long flushes, long bytesWritten, long bytesRead, long wakeups, long inFlight) {

  /** Frames per write syscall since the start (0 when nothing was written). */
  public double framesPerFlush() {
    return flushes == 0 ? 0 : (double) framesWritten / flushes;
  }

  /**
   * {@return the counts accumulated between {@code earlier} and this snapshot ({@code inFlight} is
   * this one's)}
   */
  public TransportCounters minus(TransportCounters earlier) {
    return new TransportCounters(
        framesWritten - earlier.framesWritten,
        flushes - earlier.flushes,
        bytesWritten - earlier.bytesWritten,
        bytesRead - earlier.bytesRead,
        wakeups - earlier.wakeups,
        inFlight);
  }
}
