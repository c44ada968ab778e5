package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;

/** OPTIONS: asks which STARTUP options the server supports (empty body); the answer is SUPPORTED. */
public record Options() implements Request {

  @Override
  public int opcode() {
    return Opcodes.OPTIONS;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    return 0;
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {}
}
