package io.loomcql.transport.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The free stream ids of one connection as a bitmap of {@code long}s, lock-free: the building
 * block a transport uses to tell its requests apart on the wire (the shipped transports use it).
 *
 * <p>Threads: one thread at a time acquires (whoever holds the connection's write token), while
 * any other thread (the reading thread, typically) releases concurrently. Both sides CAS the word
 * they change; ids are handed out lowest word first.
 */
public final class StreamIds {

  private final AtomicLongArray used;
  private final int max;
  private final AtomicInteger inUse = new AtomicInteger();
  // A hint, racy by design: acquire wraps around, so a stale value costs a longer scan only.
  private int firstCandidateWord;

  /**
   * Ids {@code 0} to {@code max - 1}, all free.
   *
   * @throws IllegalArgumentException if {@code max} is not in [1, 32768]
   */
  public StreamIds(int max) {
    if (max < 1 || max > 32768) {
      throw new IllegalArgumentException("stream ids must be between 1 and 32768, got " + max);
    }
    this.max = max;
    int words = (max + 63) >>> 6;
    this.used = new AtomicLongArray(words);
    int tail = max & 63;
    if (tail != 0) {
      used.set(words - 1, -1L << tail); // ids >= max are permanently "used"
    }
  }

  /** {@return a free id, now in use, or -1 if all {@code max} ids are in use} One thread at a time. */
  public int acquire() {
    int words = used.length();
    int start = firstCandidateWord;
    for (int i = 0; i < words; i++) {
      int w = start + i;
      if (w >= words) {
        w -= words;
      }
      long word;
      while ((word = used.get(w)) != -1L) {
        long bit = Long.lowestOneBit(~word);
        if (used.compareAndSet(w, word, word | bit)) {
          firstCandidateWord = w;
          inUse.incrementAndGet();
          return (w << 6) + Long.numberOfTrailingZeros(bit);
        }
      }
    }
    return -1;
  }

  /**
   * Frees {@code id}, from any thread.
   *
   * @throws IllegalStateException if {@code id} is not in use
   */
  public void release(int id) {
    int w = id >>> 6;
    long bit = 1L << id;
    long word;
    do {
      word = used.get(w);
      if ((word & bit) == 0) {
        throw new IllegalStateException("stream id " + id + " released twice");
      }
    } while (!used.compareAndSet(w, word, word & ~bit));
    inUse.decrementAndGet();
    if (w < firstCandidateWord) {
      firstCandidateWord = w;
    }
  }

  /** {@return the number of words of the bitmap} */
  public int words() {
    return used.length();
  }

  /**
   * {@return word {@code w} of the bitmap: bit i set means id {@code 64 * w + i} is in use (ids
   * past {@link #max} read as in use)}
   */
  public long word(int w) {
    return used.get(w);
  }

  /** {@return the number of ids in use} */
  public int inUse() {
    return inUse.get();
  }

  /** {@return whether an id is free} */
  public boolean hasFree() {
    return inUse.get() < max;
  }

  /** {@return how many ids there are} */
  public int max() {
    return max;
  }
}
