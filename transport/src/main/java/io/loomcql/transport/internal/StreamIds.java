package io.loomcql.transport.internal;

/**
 * The free stream ids of one connection as a bitmap. Used only by the connection's loop thread,
 * so it needs no atomics: ids are assigned when a frame is written and released when its response
 * is read, both on that thread.
 */
final class StreamIds {

  private final long[] used;
  private final int max;
  private int inUse;
  private int firstCandidateWord;

  StreamIds(int max) {
    if (max < 1 || max > 32768) {
      throw new IllegalArgumentException("stream ids must be between 1 and 32768, got " + max);
    }
    this.max = max;
    this.used = new long[(max + 63) >>> 6];
  }

  /** Returns a free id, or -1 if all {@code max} ids are in use. */
  int acquire() {
    for (int w = firstCandidateWord; w < used.length; w++) {
      long free = ~used[w];
      if (free != 0) {
        int id = (w << 6) + Long.numberOfTrailingZeros(free);
        if (id >= max) {
          return -1;
        }
        used[w] |= 1L << id;
        firstCandidateWord = w;
        inUse++;
        return id;
      }
    }
    return -1;
  }

  void release(int id) {
    int w = id >>> 6;
    used[w] &= ~(1L << id);
    if (w < firstCandidateWord) {
      firstCandidateWord = w;
    }
    inUse--;
  }

  int inUse() {
    return inUse;
  }

  int max() {
    return max;
  }
}
