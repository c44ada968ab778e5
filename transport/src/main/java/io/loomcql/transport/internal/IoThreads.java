package io.loomcql.transport.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether the calling thread is one of the transport's I/O threads (a selector loop, a
 * blocking connection's reader, a timer thread), where blocking would stall other requests.
 * No ThreadLocal: loops are recognised by their thread class, the others by a set lookup.
 */
public final class IoThreads {

  private static final Set<Thread> OTHERS = ConcurrentHashMap.newKeySet();

  private IoThreads() {}

  /** The calling thread's name if it is a transport I/O thread, else null. */
  public static String currentName() {
    Thread thread = Thread.currentThread();
    if (thread instanceof EventLoop.LoopThread || OTHERS.contains(thread)) {
      return thread.getName().isEmpty() ? thread.toString() : thread.getName();
    }
    return null;
  }

  static void register(Thread thread) {
    OTHERS.add(thread);
  }

  static void unregister(Thread thread) {
    OTHERS.remove(thread);
  }

  static boolean isIoThread() {
    Thread thread = Thread.currentThread();
    return thread instanceof EventLoop.LoopThread || OTHERS.contains(thread);
  }
}
