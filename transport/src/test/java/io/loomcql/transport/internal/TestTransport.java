package io.loomcql.transport.internal;

import io.loomcql.transport.spi.TransportFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The transports every connection test runs against. */
enum TestTransport {
  /** The default: NIO loops, callers write to idle connections themselves. */
  NIO {
    @Override
    TransportFactory open(String name) {
      return new EventLoopGroup(name, 1, true);
    }
  },
  /** NIO with every write handed to the loop. */
  NIO_HANDOFF {
    @Override
    TransportFactory open(String name) {
      return new EventLoopGroup(name, 1, false);
    }
  },
  /** Blocking sockets, one reader virtual thread per connection. */
  BLOCKING {
    @Override
    TransportFactory open(String name) {
      return new BlockingTransport(name);
    }
  };

  private static final Map<TransportFactory, String> NAMES = new ConcurrentHashMap<>();

  abstract TransportFactory open(String name);

  /** A factory whose threads are named after {@code name}. */
  TransportFactory create(String name) {
    TransportFactory factory = open(name);
    NAMES.put(factory, name);
    return factory;
  }

  /**
   * Whether every platform thread the factory started has ended (call after close): its selector
   * loops ({@code name-io-N}) or its timer thread ({@code name-timer}). The blocking transport's
   * reader virtual threads are joined by its close.
   */
  static boolean threadsEnded(TransportFactory factory) {
    String name = NAMES.get(factory);
    if (name == null) {
      throw new IllegalArgumentException(factory + " was not created by TestTransport");
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .noneMatch(n -> n.startsWith(name + "-io-") || n.equals(name + "-timer"));
  }
}
