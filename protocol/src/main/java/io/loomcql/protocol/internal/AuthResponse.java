package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;

/**
 * AUTH_RESPONSE: the client's SASL token, answering AUTHENTICATE or AUTH_CHALLENGE.
 *
 * @param token the token ([bytes]); {@code null} is sent as length -1. Not copied; its contents
 *     are credentials, so {@link #toString()} does not show them.
 */
public record AuthResponse(byte[] token) implements Request {

  @Override
  public int opcode() {
    return Opcodes.AUTH_RESPONSE;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    return Wire.sizeOfBytes(token);
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    Wire.writeBytes(dst, token);
  }

  @Override
  public String toString() {
    return "AuthResponse[" + (token == null ? "null" : token.length + " bytes") + "]";
  }
}
