package io.loomcql.transport.internal;

import io.loomcql.transport.spi.TransportFactory;

/** The transports every connection test runs against. */
enum TestTransport {
  /** The default: NIO loops, callers write to idle connections themselves. */
  NIO {
    @Override
    TransportFactory create(String name) {
      return new EventLoopGroup(name, 1, true);
    }
  },
  /** NIO with every write handed to the loop. */
  NIO_HANDOFF {
    @Override
    TransportFactory create(String name) {
      return new EventLoopGroup(name, 1, false);
    }
  },
  /** Blocking sockets, one reader virtual thread per connection. */
  BLOCKING {
    @Override
    TransportFactory create(String name) {
      return new BlockingTransport(name);
    }
  };

  abstract TransportFactory create(String name);

  /** Whether every thread the factory started has ended (call after close). */
  static boolean threadsEnded(TransportFactory factory) {
    if (factory instanceof EventLoopGroup group) {
      for (int i = 0; i < group.size(); i++) {
        if (!group.loop(i).isTerminated()) {
          return false;
        }
      }
      return true;
    }
    return ((BlockingTransport) factory).isTerminated();
  }
}
