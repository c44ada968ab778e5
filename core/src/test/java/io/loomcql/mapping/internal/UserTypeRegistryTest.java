package io.loomcql.mapping.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of mapped classes, as the protocol's codecs consult it. */
class UserTypeRegistryTest {

  private static final ProtocolVersion V = ProtocolVersion.V5;
  private static final UserType POINT = new UserType("ks", "point",
      List.of("x", "y"), List.of(DataType.INT, DataType.INT));
  private static final UserType SEGMENT = new UserType("ks", "segment",
      List.of("from_point", "to_point"), List.of(POINT, POINT));

  public record Point(int x, int y) {}

  public record Segment(Point fromPoint, Point toPoint) {}

  public record NotAPoint(String x) {}

  @Test
  void the_codecs_read_a_registered_type_as_its_class_wherever_it_occurs() {
    UserTypeRegistry registry = new UserTypeRegistry();
    registry.register("KS", "Point", Point.class, (UserType) null);
    ListType points = new ListType(POINT);
    ByteBuffer bytes = Codecs.encode(
        List.of(new Point(1, 2), new Point(3, 4)), points, V, registry);

    assertThat(Codecs.<List<Object>>codecFor(points, registry).decode(bytes, V))
        .containsExactly(new Point(1, 2), new Point(3, 4));
    // the same bytes as UdtValues: the mapping changes the Java form only
    assertThat(Codecs.<List<Object>>codecFor(points).decode(bytes, V).get(0))
        .isInstanceOf(UdtValue.class);
    assertThat(registry.classFor(POINT)).isEqualTo(Point.class);
    assertThat(registry.codecFor(SEGMENT)).isNull();
  }

  @Test
  void a_mapped_class_inside_another_uses_the_registry_too() {
    UserTypeRegistry registry = new UserTypeRegistry();
    registry.register("ks", "segment", Segment.class, SEGMENT);
    registry.register("ks", "point", Point.class, POINT);
    TypeCodec<?> codec = registry.codecFor(SEGMENT);
    Segment segment = new Segment(new Point(0, 0), new Point(5, 7));

    @SuppressWarnings("unchecked")
    ByteBuffer bytes = ((TypeCodec<Segment>) codec).encode(segment, V);
    assertThat(codec.decode(bytes, V)).isEqualTo(segment);
  }

  @Test
  void a_class_that_cannot_hold_a_known_type_is_refused_when_registered() {
    UserTypeRegistry registry = new UserTypeRegistry();
    assertThatThrownBy(() -> registry.register("ks", "point", NotAPoint.class, POINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Component 'x'");
    assertThatThrownBy(() -> registry.register("ks", "point", Object.class, POINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no property");
    assertThat(registry.classFor(POINT)).isNull();
  }

  @Test
  void a_quoted_name_keeps_its_case_an_unquoted_one_is_lower_cased_as_in_cql() {
    UserType capitalized = new UserType("ks", "Point", POINT.fieldNames(), POINT.fieldTypes());
    UserTypeRegistry quoted = new UserTypeRegistry();
    quoted.register("ks", "\"Point\"", Point.class, (UserType) null);
    assertThat(quoted.classFor(capitalized)).isEqualTo(Point.class);
    assertThat(quoted.classFor(POINT)).isNull();

    UserTypeRegistry unquoted = new UserTypeRegistry();
    unquoted.register("KS", "Point", Point.class, (UserType) null);
    assertThat(unquoted.classFor(POINT)).isEqualTo(Point.class);
    assertThat(unquoted.classFor(capitalized)).isNull();
  }
}
