package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * REGISTER: subscribes this connection to server events ("TOPOLOGY_CHANGE", "STATUS_CHANGE",
 * "SCHEMA_CHANGE"). The answer is READY; events then arrive as EVENT messages on stream -1.
 *
 * @param eventTypes the event types (copied)
 */
public record Register(List<String> eventTypes) implements Request {

  /** Event type: a node joined, left or moved. */
  public static final String TOPOLOGY_CHANGE = "TOPOLOGY_CHANGE";
  /** Event type: a node went up or down. */
  public static final String STATUS_CHANGE = "STATUS_CHANGE";
  /** Event type: the schema changed. */
  public static final String SCHEMA_CHANGE = "SCHEMA_CHANGE";

  /** Copies the list. */
  public Register {
    eventTypes = List.copyOf(eventTypes);
  }

  @Override
  public int opcode() {
    return Opcodes.REGISTER;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    return Wire.sizeOfStringList(eventTypes);
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    Wire.writeStringList(dst, eventTypes);
  }
}
