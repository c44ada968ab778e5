package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenTest {

  @Property
  void murmur3_tokens_order_like_signed_longs(@ForAll long a, @ForAll long b) {
    Token x = new Murmur3Token(a);
    Token y = new Murmur3Token(b);

    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Long.signum(Long.compare(a, b)));
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
  }

  @Property
  void random_tokens_order_like_integers(@ForAll BigInteger a, @ForAll BigInteger b) {
    Token x = new RandomToken(a);
    Token y = new RandomToken(b);

    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(a.compareTo(b));
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
  }

  @Property
  void bytes_tokens_order_unsigned_lexicographically(
      @ForAll @Size(max = 6) byte[] a, @ForAll @Size(max = 6) byte[] b) {
    Token x = new BytesToken(a);
    Token y = new BytesToken(b);

    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(unsignedCompare(a, b)));
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
    if (x.equals(y)) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @Property
  void sorting_tokens_sorts_their_values(@ForAll @Size(max = 50) List<Long> values) {
    List<Token> tokens = new ArrayList<>();
    values.forEach(v -> tokens.add(new Murmur3Token(v)));
    tokens.sort(Comparator.naturalOrder());

    assertThat(tokens).extracting(t -> ((Murmur3Token) t).value())
        .containsExactlyElementsOf(values.stream().sorted().toList());
  }

  @Test
  void should_order_bytes_as_unsigned_and_a_prefix_first() {
    BytesToken empty = new BytesToken(new byte[0]);
    BytesToken low = new BytesToken(new byte[] {0x7f});
    BytesToken high = new BytesToken(new byte[] {(byte) 0x80});
    BytesToken longer = new BytesToken(new byte[] {(byte) 0x80, 0});

    assertThat(List.of(longer, high, empty, low).stream().sorted().toList())
        .containsExactly(empty, low, high, longer);
  }

  @Test
  void should_keep_bytes_tokens_immutable() {
    byte[] bytes = {1, 2, 3};
    BytesToken token = new BytesToken(bytes);
    bytes[0] = 9;
    token.value()[1] = 9;

    assertThat(token.value()).containsExactly(1, 2, 3);
    assertThat(token).isEqualTo(new BytesToken(new byte[] {1, 2, 3}));
    assertThat(token.toString()).isEqualTo("BytesToken[value=010203]");
  }

  @Test
  void should_refuse_to_compare_tokens_of_different_partitioners() {
    assertThatThrownBy(() -> new Murmur3Token(1).compareTo(new RandomToken(BigInteger.ONE)))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("Murmur3Token")
        .hasMessageContaining("RandomToken");
    assertThatThrownBy(() -> new BytesToken(new byte[0]).compareTo(new Murmur3Token(1)))
        .isInstanceOf(ClassCastException.class);
    assertThatThrownBy(() -> new RandomToken(BigInteger.ONE).compareTo(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static int unsignedCompare(byte[] a, byte[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int difference = (a[i] & 0xff) - (b[i] & 0xff);
      if (difference != 0) {
        return difference;
      }
    }
    return a.length - b.length;
  }
}
