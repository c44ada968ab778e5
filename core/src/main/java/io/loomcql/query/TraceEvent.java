package io.loomcql.query;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One step of a traced query as recorded in {@code system_traces.events}, the Java form of the
 * Python driver's {@code TraceEvent}.
 *
 * @param description what the node did
 * @param eventId the event's time-based id
 * @param datetime when it happened (from the event id)
 * @param source the node that did it
 * @param sourceElapsed time since the request reached that node
 * @param threadName the server thread
 */
public record TraceEvent(
    String description,
    UUID eventId,
    Instant datetime,
    InetAddress source,
    Duration sourceElapsed,
    String threadName) {

  /** The instant encoded in a version 1 (time-based) UUID. */
  static Instant timeOf(UUID timeUuid) {
    // 100-ns intervals since 1582-10-15, the UUID epoch.
    long intervals = timeUuid.timestamp() - 0x01B21DD213814000L;
    return Instant.ofEpochSecond(intervals / 10_000_000, (intervals % 10_000_000) * 100);
  }
}
