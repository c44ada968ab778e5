package io.loomcql.transport.spi;

import java.util.concurrent.TimeUnit;

/** Runs short, non-blocking tasks after a delay: a selector loop's wheel, or a timer thread's. */
public interface Timer {

  /**
   * Runs {@code task} on the timer's thread after {@code delay}; the returned timeout can be
   * cancelled cheaply from any thread. The task must not block.
   */
  Timeout schedule(Runnable task, long delay, TimeUnit unit);
}
