package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A schema change, either a RESULT of kind Schema_change (answer to DDL) or the content of a
 * SCHEMA_CHANGE event.
 *
 * @param changeType "CREATED", "UPDATED" or "DROPPED"
 * @param target "KEYSPACE", "TABLE", "TYPE", "FUNCTION" or "AGGREGATE"
 * @param keyspace the keyspace changed or holding the changed element
 * @param name the table/type/function/aggregate name; {@code ""} for a KEYSPACE target
 * @param argumentTypes the CQL argument types of a FUNCTION or AGGREGATE; empty otherwise
 */
public record SchemaChange(
    String changeType, String target, String keyspace, String name, List<String> argumentTypes)
    implements Result {

  /** Copies the argument types (null = empty). */
  public SchemaChange {
    argumentTypes = argumentTypes == null ? List.of() : List.copyOf(argumentTypes);
  }

  /** Reads {@code <change_type><target><options>} (v3+). */
  static SchemaChange decode(ByteBuffer buf) {
    String change = Wire.readString(buf);
    String target = Wire.readString(buf);
    return switch (target) {
      case "KEYSPACE" -> new SchemaChange(change, target, Wire.readString(buf), "", List.of());
      case "TABLE", "TYPE" -> {
        String ks = Wire.readString(buf);
        yield new SchemaChange(change, target, ks, Wire.readString(buf), List.of());
      }
      case "FUNCTION", "AGGREGATE" -> {
        String ks = Wire.readString(buf);
        String name = Wire.readString(buf);
        yield new SchemaChange(change, target, ks, name, Wire.readStringList(buf));
      }
      default -> throw new ProtocolException("Unknown schema change target '" + target + "'");
    };
  }
}
