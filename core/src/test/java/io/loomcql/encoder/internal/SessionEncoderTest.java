package io.loomcql.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cqltypes.UserType;
import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.metadata.SchemaRows;
import io.loomcql.metadata.internal.MetadataUpdater;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session's encoder renders the classes registered for user types as user type literals. */
class SessionEncoderTest {

  public record Address(String street, int zipCode) {}

  public record Person(String name, Address home, List<Address> others) {}

  /** A bean-like class: public no-argument constructor, getters and setters. */
  public static final class Point {
    private double x;
    private double y;

    public Point() {}

    public double getX() {
      return x;
    }

    public void setX(double x) {
      this.x = x;
    }

    public double getY() {
      return y;
    }

    public void setY(double y) {
      this.y = y;
    }
  }

  public record Unregistered(String street) {}

  private final MetadataUpdater metadata = MetadataUpdater.create();
  private final UserTypeRegistry userTypes = new UserTypeRegistry();
  private final SessionEncoder encoder = new SessionEncoder(userTypes, metadata::metadata);

  private static Map<String, Object> type(String name, List<String> fields, List<String> types) {
    return Map.of("keyspace_name", "ks", "type_name", name, "field_names", fields, "field_types", types);
  }

  @BeforeEach
  void schema() {
    metadata.rebuildSchema(
        SchemaRows.of(
            Map.of(
                "keyspaces",
                List.of(
                    Map.of(
                        "keyspace_name", "ks",
                        "durable_writes", true,
                        "replication",
                            Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1"))),
                "types",
                List.of(
                    type("address", List.of("street", "zip_code"), List.of("text", "int")),
                    type(
                        "person",
                        List.of("name", "home", "others"),
                        List.of("text", "frozen<address>", "list<frozen<address>>")),
                    type("Point", List.of("x", "y"), List.of("double", "double"))))));
  }

  @Test
  void renders_registered_records_and_beans_as_their_user_types_wherever_they_occur() {
    userTypes.register("ks", "address", Address.class, metadata.metadata());
    userTypes.register("ks", "person", Person.class, metadata.metadata());
    userTypes.register("ks", "\"Point\"", Point.class, metadata.metadata());
    Address home = new Address("1 Main' St", 12345);
    Point point = new Point();
    point.setX(1.5);
    point.setY(-2.25);

    assertThat(encoder.encode(home)).isEqualTo("{street: '1 Main'' St', zip_code: 12345}");
    assertThat(encoder.encode(new Person("Ann", home, List.of(new Address("2", 2)))))
        .isEqualTo(
            "{name: 'Ann', home: {street: '1 Main'' St', zip_code: 12345},"
                + " others: [{street: '2', zip_code: 2}]}");
    assertThat(encoder.encode(point)).isEqualTo("{x: 1.5, y: -2.25}");
    assertThat(encoder.bind("INSERT INTO ks.t (k, a) VALUES (%s, %s)", List.of(1, Map.of("w", home))))
        .isEqualTo("INSERT INTO ks.t (k, a) VALUES (1, {'w': {street: '1 Main'' St', zip_code: 12345}})");
    assertThat(encoder.encode(new Person("Bob", null, null)))
        .isEqualTo("{name: 'Bob', home: NULL, others: NULL}");
  }

  @Test
  void refuses_unregistered_classes_and_types_the_metadata_does_not_know() {
    assertThatThrownBy(() -> encoder.encode(new Unregistered("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unregistered.class.getName())
        .hasMessageContaining("Cluster.registerUserType");

    userTypes.register("ks", "gone", Unregistered.class, metadata.metadata());
    assertThatThrownBy(() -> encoder.encode(new Unregistered("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ks.gone")
        .hasMessageContaining("refreshUserTypeMetadata");
  }

  @Test
  void a_class_registered_again_for_another_type_renders_as_the_latest() {
    userTypes.register("ks", "address", Address.class, metadata.metadata());
    userTypes.register("ks", "address", Unregistered.class, (UserType) null);

    assertThatThrownBy(() -> encoder.encode(new Address("x", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot encode");
  }
}
