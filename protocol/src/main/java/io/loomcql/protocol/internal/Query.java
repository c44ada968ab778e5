package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * QUERY: runs a CQL string ({@code <query><query_parameters>}, section 4.1.4).
 *
 * @param cql the CQL text
 * @param options consistency, values, paging and the other parameters
 */
public record Query(String cql, QueryOptions options) implements Request {

  /** Checks that both are given. */
  public Query {
    Objects.requireNonNull(cql, "cql");
    Objects.requireNonNull(options, "options");
  }

  @Override
  public int opcode() {
    return Opcodes.QUERY;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    return Wire.sizeOfLongString(cql) + options.encodedSize(version);
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    Wire.writeLongString(dst, cql);
    options.encode(dst, version);
  }
}
