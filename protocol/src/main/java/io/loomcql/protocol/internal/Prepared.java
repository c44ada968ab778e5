package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A RESULT of kind Prepared (section 4.2.5.4).
 *
 * @param queryId the prepared statement id, to send in EXECUTE
 * @param resultMetadataId the id of the result metadata (v5; null before), to send in EXECUTE
 * @param variables the bind variables
 * @param resultMetadata the columns the statement returns (no columns for writes)
 */
public record Prepared(
    byte[] queryId, byte[] resultMetadataId, PreparedMetadata variables, RowsMetadata resultMetadata)
    implements Result {

  static Prepared decode(ByteBuffer buf, ProtocolVersion version) {
    byte[] id = Wire.readShortBytes(buf);
    byte[] resultMetadataId =
        version.isAtLeast(ProtocolVersion.V5) ? Wire.readShortBytes(buf) : null;
    PreparedMetadata variables = PreparedMetadata.decode(buf, version);
    RowsMetadata resultMetadata = RowsMetadata.decode(buf);
    return new Prepared(id, resultMetadataId, variables, resultMetadata);
  }

  @Override
  public String toString() {
    return "Prepared[queryId=" + HexFormat.of().formatHex(queryId) + ", resultMetadataId="
        + (resultMetadataId == null ? "null" : HexFormat.of().formatHex(resultMetadataId))
        + ", variables=" + variables.columns() + ", resultMetadata=" + resultMetadata + "]";
  }
}
