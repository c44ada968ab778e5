package io.loomcql.testserver;

import io.loomcql.ConsistencyLevel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A request as the server received it, kept for assertions. Fields a message does not carry are
 * null (or empty lists and maps).
 *
 * @param connection which accepted connection it came on (1 for the first)
 * @param version the protocol version of its frame
 * @param flags the flags of its frame (COMPRESSED 0x01 included, as received)
 * @param streamId its stream id
 * @param opcode its opcode ({@link Frames})
 * @param query the CQL text of a QUERY or PREPARE, or of the statement an EXECUTE runs (when it
 *     was prepared on this server); for a BATCH, its statements' texts joined by "; "
 * @param preparedId the id an EXECUTE runs
 * @param consistency the consistency level of a QUERY, EXECUTE or BATCH
 * @param values the bound values of a QUERY or EXECUTE (null elements: null values)
 * @param keyspace the keyspace a v5 QUERY, EXECUTE, BATCH or PREPARE names
 * @param options the options map of a STARTUP
 * @param body the message body as received (decompressed)
 */
public record RecordedRequest(int connection, int version, int flags, int streamId, int opcode, String query,
    byte[] preparedId, ConsistencyLevel consistency, List<ByteBuffer> values, String keyspace,
    Map<String, String> options, byte[] body) {

  @Override
  public String toString() {
    return "RecordedRequest[opcode 0x" + Integer.toHexString(opcode) + ", stream " + streamId
        + (query == null ? "" : ", " + query) + "]";
  }
}
