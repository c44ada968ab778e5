package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.Session;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code cluster.registerUserType}: user types read and written as records and beans. */
@RealCassandra
class UserTypeMappingIT {

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

  @BeforeAll
  static void schema(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS it_udt WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TYPE IF NOT EXISTS it_udt.address (street text, zip_code int)");
      session.execute(
          "CREATE TYPE IF NOT EXISTS it_udt.person "
              + "(name text, home frozen<address>, others list<frozen<address>>)");
      session.execute("CREATE TYPE IF NOT EXISTS it_udt.point (x double, y double)");
      session.execute(
          "CREATE TABLE IF NOT EXISTS it_udt.t (k int PRIMARY KEY, a frozen<address>, "
              + "many map<text, frozen<address>>, p frozen<person>, pt frozen<point>)");
    }
  }

  @Test
  void registered_records_and_beans_bind_and_read_back_wherever_the_type_occurs(
      TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      cluster.registerUserType("it_udt", "address", Address.class);
      cluster.registerUserType("it_udt", "person", Person.class);
      cluster.registerUserType("it_udt", "point", Point.class);
      PreparedStatement insert =
          session.prepare("INSERT INTO it_udt.t (k, a, many, p, pt) VALUES (?, ?, ?, ?, ?)");
      Address home = new Address("1 Main St", 12345);
      Person person =
          new Person("Ann", home, List.of(new Address("2 Side St", 1), new Address("3 Back St", 2)));
      Point point = new Point();
      point.setX(1.5);
      point.setY(-2.25);

      session.execute(insert.bind(1, home, Map.of("work", new Address("9 Office Rd", 999)), person, point));

      Row row = session.execute("SELECT a, many, p, pt FROM it_udt.t WHERE k = 1").one();
      assertThat(row.get("a", Address.class)).isEqualTo(home);
      assertThat(row.getObject("many")).isEqualTo(Map.of("work", new Address("9 Office Rd", 999)));
      assertThat(row.get("p", Person.class)).isEqualTo(person);
      Point read = row.get("pt", Point.class);
      assertThat(read.getX()).isEqualTo(1.5);
      assertThat(read.getY()).isEqualTo(-2.25);
    }
  }

  @Test
  void an_unregistered_type_reads_as_udt_value(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      session.execute("INSERT INTO it_udt.t (k, a) VALUES (2, {street: 'Elm', zip_code: 7})");
      Object value = session.execute("SELECT a FROM it_udt.t WHERE k = 2").one().getObject("a");
      assertThat(value).isInstanceOf(UdtValue.class);
      assertThat(((UdtValue) value).getString("street")).isEqualTo("Elm");
    }
  }

  public record WrongAddress(String street, String country) {}

  @Test
  void a_class_that_does_not_fit_the_type_is_refused_when_registered(TestCluster cassandra) {
    try (Cluster cluster = Clusters.connectTo(cassandra);
        Session session = cluster.connect()) {
      assertThat(session).isNotNull();
      assertThatThrownBy(() -> cluster.registerUserType("it_udt", "address", WrongAddress.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("country");
    }
  }
}
