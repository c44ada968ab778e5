package io.loomcql.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CqlTypeParserTest {

  @ParameterizedTest
  @CsvSource({
    "ascii,ascii", "bigint,bigint", "blob,blob", "boolean,boolean", "counter,counter",
    "date,date", "decimal,decimal", "double,double", "duration,duration", "float,float",
    "inet,inet", "int,int", "smallint,smallint", "text,text", "varchar,text", "time,time",
    "timestamp,timestamp", "timeuuid,timeuuid", "tinyint,tinyint", "uuid,uuid", "varint,varint"
  })
  void should_parse_every_native_type(String cql, String expectedName) {
    assertThat(CqlTypeParser.parse(cql).cqlName()).isEqualTo(expectedName);
  }

  @Test
  void should_parse_collections_and_drop_frozen() {
    assertThat(CqlTypeParser.parse("list<int>")).isEqualTo(new ListType(DataType.INT));
    assertThat(CqlTypeParser.parse("set<text>")).isEqualTo(new SetType(DataType.TEXT));
    assertThat(CqlTypeParser.parse("frozen<map<text, frozen<list<int>>>>"))
        .isEqualTo(new MapType(DataType.TEXT, new ListType(DataType.INT)));
    assertThat(CqlTypeParser.parse("map<text, frozen<map<int, frozen<list<int>>>>>"))
        .isEqualTo(
            new MapType(DataType.TEXT, new MapType(DataType.INT, new ListType(DataType.INT))));
  }

  @Test
  void should_parse_tuples_and_vectors() {
    assertThat(CqlTypeParser.parse("frozen<tuple<int, text>>"))
        .isEqualTo(new TupleType(List.of(DataType.INT, DataType.TEXT)));
    assertThat(CqlTypeParser.parse("vector<float, 3>"))
        .isEqualTo(new VectorType(DataType.FLOAT, 3));
    assertThat(CqlTypeParser.parse("vector<frozen<list<int>>,2>"))
        .isEqualTo(new VectorType(new ListType(DataType.INT), 2));
  }

  @Test
  void should_resolve_bare_and_quoted_user_types_against_the_keyspace() {
    UserType person = new UserType("ks", "Person", List.of("name"), List.of(DataType.TEXT));
    UserType address = new UserType("ks", "address", List.of("zip"), List.of(DataType.INT));
    Map<String, UserType> types = Map.of("Person", person, "address", address);

    assertThat(CqlTypeParser.parse("frozen<\"Person\">", "ks", types::get)).isEqualTo(person);
    assertThat(CqlTypeParser.parse("list<frozen<address>>", "ks", types::get))
        .isEqualTo(new ListType(address));
    assertThat(CqlTypeParser.parse("address", "ks", types::get)).isEqualTo(address);
  }

  @Test
  void should_keep_an_unknown_user_type_as_one_without_fields() {
    assertThat(CqlTypeParser.parse("frozen<\"We\"\"ird\">", "ks", name -> null))
        .isEqualTo(new UserType("ks", "We\"ird", List.of(), List.of()));
  }

  @Test
  void should_parse_custom_types_from_quoted_marshal_class_names() {
    String dynamic =
        "org.apache.cassandra.db.marshal.DynamicCompositeType(s=>org.apache.cassandra.db.marshal.UTF8Type)";
    assertThat(CqlTypeParser.parse("'" + dynamic + "'")).isEqualTo(new CustomType(dynamic));
    assertThat(
            CqlTypeParser.parse(
                "'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,4)'"))
        .isEqualTo(new VectorType(DataType.FLOAT, 4));
  }

  @Test
  void should_list_referenced_user_types_and_tell_multi_cell_columns() {
    assertThat(CqlTypeParser.referencedUserTypes("map<text, frozen<tuple<a, \"B\">>>"))
        .containsExactly("a", "B");
    assertThat(CqlTypeParser.isMultiCell("list<int>")).isTrue();
    assertThat(CqlTypeParser.isMultiCell("address")).isTrue();
    assertThat(CqlTypeParser.isMultiCell("\"Person\"")).isTrue();
    assertThat(CqlTypeParser.isMultiCell("frozen<list<int>>")).isFalse();
    assertThat(CqlTypeParser.isMultiCell("vector<float, 3>")).isFalse();
    assertThat(CqlTypeParser.isMultiCell("int")).isFalse();
  }

  @Test
  void should_reject_malformed_types_with_the_offset() {
    assertThatThrownBy(() -> CqlTypeParser.parse("map<int>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map<int>");
    assertThatThrownBy(() -> CqlTypeParser.parse("list<int"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CqlTypeParser.parse("int int"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CqlTypeParser.parse("whatever<int>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
