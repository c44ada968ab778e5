package io.loomcql.protocol.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * EVENT: a server push (stream -1) on a connection that REGISTERed for it (section 4.2.6).
 *
 * @param type "TOPOLOGY_CHANGE", "STATUS_CHANGE" or "SCHEMA_CHANGE" (or an event type loomcql does
 *     not know, with the other components null)
 * @param change "NEW_NODE"/"REMOVED_NODE"/"MOVED_NODE" for topology, "UP"/"DOWN" for status, the
 *     change type ("CREATED", "UPDATED", "DROPPED") for schema
 * @param address the node concerned by a topology or status change (its native transport address),
 *     null for schema changes
 * @param schemaChange the details of a schema change, null otherwise
 */
public record Event(
    String type, String change, InetSocketAddress address, SchemaChange schemaChange)
    implements Response {

  static Event decode(ByteBuffer buf) {
    String type = Wire.readString(buf);
    return switch (type) {
      case Register.TOPOLOGY_CHANGE, Register.STATUS_CHANGE -> {
        String change = Wire.readString(buf);
        yield new Event(type, change, Wire.readInet(buf), null);
      }
      case Register.SCHEMA_CHANGE -> {
        SchemaChange sc = SchemaChange.decode(buf);
        yield new Event(type, sc.changeType(), null, sc);
      }
      default -> new Event(type, null, null, null);
    };
  }
}
