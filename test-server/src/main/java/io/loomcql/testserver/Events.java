package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import java.net.InetSocketAddress;

/** EVENT messages for {@link CqlTestServer#push}. */
public final class Events {

  private Events() {}

  /** TOPOLOGY_CHANGE: {@code change} is NEW_NODE or REMOVED_NODE. */
  public static Reply topologyChange(String change, InetSocketAddress node) {
    return Reply.message(Opcodes.EVENT, new BodyWriter().string("TOPOLOGY_CHANGE").string(change)
        .inet(node.getAddress(), node.getPort()).toByteArray());
  }

  /** STATUS_CHANGE: {@code change} is UP or DOWN. */
  public static Reply statusChange(String change, InetSocketAddress node) {
    return Reply.message(Opcodes.EVENT, new BodyWriter().string("STATUS_CHANGE").string(change)
        .inet(node.getAddress(), node.getPort()).toByteArray());
  }

  /**
   * SCHEMA_CHANGE: {@code change} (CREATED, UPDATED, DROPPED) of {@code target} (KEYSPACE,
   * TABLE, TYPE; {@code name} is ignored for a KEYSPACE).
   */
  public static Reply schemaChange(String change, String target, String keyspace, String name) {
    return Reply.message(Opcodes.EVENT, Reply.schemaChangeBody(
        new BodyWriter().string("SCHEMA_CHANGE"), change, target, keyspace, name));
  }
}
