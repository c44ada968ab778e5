package io.loomcql.transport.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells whether the calling thread is one of the transport's I/O threads (a selector loop, a
 * blocking connection's reader, a timer thread), where blocking would stall other requests.
 * Every blocking request asks, so the answer for an application thread must be nearly free: no
 * ThreadLocal, no hashing of the caller. Platform I/O threads are recognised by their class; the
 * blocking transport's readers (virtual threads) by a set, looked up only while it holds any.
 */
public final class IoThreads {

  /** A transport's platform I/O thread: a selector loop or a timer. */
  static class PlatformIoThread extends Thread {
    PlatformIoThread(String name, Runnable task) {
      super(null, task, name, 0, false);
      setDaemon(true);
    }
  }

  private static final Set<Thread> READERS = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger READER_COUNT = new AtomicInteger();

  private IoThreads() {}

  /** The calling thread's name if it is a transport I/O thread, else null. */
  public static String currentName() {
    Thread thread = Thread.currentThread();
    return isIoThread(thread) ? (thread.getName().isEmpty() ? thread.toString() : thread.getName()) : null;
  }

  /** Registers a virtual reader thread. */
  static void register(Thread thread) {
    if (READERS.add(thread)) {
      READER_COUNT.incrementAndGet();
    }
  }

  static void unregister(Thread thread) {
    if (READERS.remove(thread)) {
      READER_COUNT.decrementAndGet();
    }
  }

  static boolean isIoThread() {
    return isIoThread(Thread.currentThread());
  }

  private static boolean isIoThread(Thread thread) {
    return thread instanceof PlatformIoThread
        || (READER_COUNT.get() != 0 && READERS.contains(thread));
  }
}
