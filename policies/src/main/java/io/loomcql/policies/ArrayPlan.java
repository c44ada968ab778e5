package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy query plan over two immutable arrays: every host of {@code rotated} once, starting at
 * {@code start} and wrapping around, then every host of {@code tail} in order. Owned by one
 * request; not thread-safe.
 */
final class ArrayPlan implements Iterator<Host> {

  private final Host[] rotated;
  private final int start;
  private final Host[] tail;
  private int rotatedDone;
  private int tailDone;

  /**
   * @param rotated the hosts served in rotation
   * @param start the first index in {@code rotated}, in {@code [0, rotated.length)} (any value if
   *     empty)
   * @param tail the hosts served after them, in order; must share no host with {@code rotated}
   */
  ArrayPlan(Host[] rotated, int start, Host[] tail) {
    this.rotated = rotated;
    this.start = start;
    this.tail = tail;
  }

  @Override
  public boolean hasNext() {
    return rotatedDone < rotated.length || tailDone < tail.length;
  }

  @Override
  public Host next() {
    if (rotatedDone < rotated.length) {
      int index = start + rotatedDone++;
      return rotated[index >= rotated.length ? index - rotated.length : index];
    }
    if (tailDone < tail.length) {
      return tail[tailDone++];
    }
    throw new NoSuchElementException("query plan exhausted");
  }
}
