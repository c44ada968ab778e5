package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** A jitter source that answers {@code nextInt(85, 116)} with scripted percentages, in order. */
final class ScriptedRandom implements RandomGenerator {
  private final Deque<Integer> percents = new ArrayDeque<>();

  ScriptedRandom(int... percents) {
    IntStream.of(percents).forEach(this.percents::add);
  }

  @Override
  public int nextInt(int origin, int bound) {
    // The policy must draw exactly Python's randint(85, 115).
    assertThat(origin).isEqualTo(85);
    assertThat(bound).isEqualTo(116);
    return percents.remove();
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("only nextInt(origin, bound) is scripted");
  }
}
