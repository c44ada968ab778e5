package io.loomcql.transport.internal;

import io.loomcql.transport.TransportCounters;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportCounters}, shared by one factory's connections. */
final class Counters {

  final LongAdder framesWritten = new LongAdder();
  final LongAdder flushes = new LongAdder();
  final LongAdder bytesWritten = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder wakeups = new LongAdder();
  final LongAdder inFlight = new LongAdder();

  TransportCounters snapshot() {
    return new TransportCounters(
        framesWritten.sum(), flushes.sum(), bytesWritten.sum(), bytesRead.sum(), wakeups.sum(),
        inFlight.sum());
  }
}
