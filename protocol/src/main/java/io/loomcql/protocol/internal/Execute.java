package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;

/**
 * EXECUTE: runs a prepared statement (section 4.1.6): {@code <id><query_parameters>}, and on v5
 * {@code <id><result_metadata_id><query_parameters>}.
 *
 * @param queryId the prepared statement id ([short bytes]); not copied
 * @param resultMetadataIdOrNull the result metadata id from PREPARED (v5; ignored before). On v5,
 *     null is sent as an empty id: the server then always answers with full metadata
 *     (METADATA_CHANGED).
 * @param options consistency, values, paging and the other parameters
 */
public record Execute(byte[] queryId, byte[] resultMetadataIdOrNull, QueryOptions options)
    implements Request {

  private static final byte[] EMPTY = new byte[0];

  /** Checks the id and options are given. */
  public Execute {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(options, "options");
  }

  @Override
  public int opcode() {
    return Opcodes.EXECUTE;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    int size = Wire.sizeOfShortBytes(queryId);
    if (version.isAtLeast(ProtocolVersion.V5)) {
      size += Wire.sizeOfShortBytes(resultMetadataId());
    }
    return size + options.encodedSize(version);
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    Wire.writeShortBytes(dst, queryId);
    if (version.isAtLeast(ProtocolVersion.V5)) {
      Wire.writeShortBytes(dst, resultMetadataId());
    }
    options.encode(dst, version);
  }

  private byte[] resultMetadataId() {
    return resultMetadataIdOrNull == null ? EMPTY : resultMetadataIdOrNull;
  }

  @Override
  public String toString() {
    return "Execute[queryId=" + HexFormat.of().formatHex(queryId) + ", options=" + options + "]";
  }
}
