package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.ConsistencyLevel;
import io.loomcql.protocol.internal.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The request being answered, as a {@link Responder} sees it: the frame header and the body,
 * decoded on demand. One instance per connection is reused for every request of that connection,
 * so answering costs no allocation unless the responder asks for decoded fields; it is valid
 * during the responder's call only: {@link #record()} keeps a copy.
 */
public final class Request {

  private final int connection;
  private final CqlTestServer server;
  private int version;
  private int flags;
  private int streamId;
  private int opcode;
  private byte[] array;
  private int offset;
  private int length;
  private RecordedRequest decoded;

  Request(int connection, CqlTestServer server) {
    this.connection = connection;
    this.server = server;
  }

  void reset(int version, int flags, int streamId, int opcode, byte[] array, int offset, int length) {
    this.version = version;
    this.flags = flags;
    this.streamId = streamId;
    this.opcode = opcode;
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.decoded = null;
  }

  /** Which accepted connection the request came on (1 for the first). */
  public int connection() {
    return connection;
  }

  /** The protocol version of the request's frame. */
  public int version() {
    return version;
  }

  /** The frame's flags. */
  public int flags() {
    return flags;
  }

  /** The stream id. */
  public int streamId() {
    return streamId;
  }

  /** The opcode ({@link Frames}). */
  public int opcode() {
    return opcode;
  }

  /** The array holding the body (not a copy: do not change it), from {@link #bodyOffset()}. */
  public byte[] bodyArray() {
    return array;
  }

  /** Where the body starts in {@link #bodyArray()}. */
  public int bodyOffset() {
    return offset;
  }

  /** The body length. */
  public int bodyLength() {
    return length;
  }

  /** The CQL text of a QUERY or PREPARE (or of what an EXECUTE runs, if prepared here), or null. */
  public String query() {
    if (opcode == Opcodes.QUERY || opcode == Opcodes.PREPARE) {
      return Wire.readLongString(buffer()); // the first field: no need to decode the rest
    }
    return record().query();
  }

  /** Whether the CQL text of this QUERY starts with {@code prefix}. */
  public boolean queryStartsWith(String prefix) {
    String query = query();
    return query != null && query.startsWith(prefix);
  }

  /** The consistency level of a QUERY, EXECUTE or BATCH, or null. */
  public ConsistencyLevel consistency() {
    return record().consistency();
  }

  /** The bound values of a QUERY or EXECUTE. */
  public List<ByteBuffer> values() {
    return record().values();
  }

  /** The id an EXECUTE runs, or null. */
  public byte[] preparedId() {
    return record().preparedId();
  }

  /** The body from position 0 to its length (a read-only view). */
  public ByteBuffer body() {
    return buffer().asReadOnlyBuffer();
  }

  private ByteBuffer buffer() {
    return ByteBuffer.wrap(array, offset, length).slice();
  }

  /**
   * Whether this is a QUERY reading a table of a system keyspace ({@code SELECT ... FROM
   * system...}), told from the bytes without decoding them.
   */
  boolean isSystemSelect() {
    if (opcode != Opcodes.QUERY || length < 4) {
      return false;
    }
    int start = offset + 4;
    int end = Math.min(offset + length, start + ((array[offset] & 0xFF) << 24
        | (array[offset + 1] & 0xFF) << 16 | (array[offset + 2] & 0xFF) << 8 | (array[offset + 3] & 0xFF)));
    if (end - start < 6 || (array[start] | 0x20) != 's' || (array[start + 1] | 0x20) != 'e') {
      return false;
    }
    for (int i = start; i + FROM_SYSTEM.length <= end; i++) {
      if (matchesIgnoringCase(i)) {
        return true;
      }
    }
    return false;
  }

  private static final byte[] FROM_SYSTEM = " from system".getBytes(StandardCharsets.US_ASCII);

  private boolean matchesIgnoringCase(int at) {
    for (int j = 0; j < FROM_SYSTEM.length; j++) {
      byte b = array[at + j];
      if (b != FROM_SYSTEM[j] && (b | 0x20) != FROM_SYSTEM[j]) {
        return false;
      }
    }
    return true;
  }

  /** A copy of this request with every field decoded. */
  public RecordedRequest record() {
    if (decoded == null) {
      decoded = decode();
    }
    return decoded;
  }

  private RecordedRequest decode() {
    ByteBuffer body = buffer();
    String query = null;
    byte[] id = null;
    Map<String, String> options = Map.of();
    Parameters parameters = Parameters.NONE;
    switch (opcode) {
      case Opcodes.QUERY -> {
        query = Wire.readLongString(body);
        parameters = Parameters.read(body, version, true);
      }
      case Opcodes.PREPARE -> {
        query = Wire.readLongString(body);
        if (version >= 5 && body.remaining() >= 4 && (body.getInt() & 0x01) != 0) {
          parameters = new Parameters(null, List.of(), Wire.readString(body));
        }
      }
      case Opcodes.EXECUTE -> {
        id = Wire.readShortBytes(body);
        if (version >= 5) {
          Wire.readShortBytes(body); // result metadata id
        }
        query = server.preparedQuery(id);
        parameters = Parameters.read(body, version, true);
      }
      case Opcodes.BATCH -> {
        List<String> texts = readBatch(body);
        query = String.join("; ", texts);
        parameters = Parameters.read(body, version, false);
      }
      case Opcodes.STARTUP -> options = Wire.readStringMap(body);
      default -> { }
    }
    byte[] copy = Arrays.copyOfRange(array, offset, offset + length);
    return new RecordedRequest(connection, version, flags, streamId, opcode, query, id,
        parameters.consistency, parameters.values, parameters.keyspace, options, copy);
  }

  private List<String> readBatch(ByteBuffer body) {
    body.get(); // batch type
    int n = Wire.readShortUnsigned(body);
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (body.get() == 0) {
        texts.add(Wire.readLongString(body));
      } else {
        String text = server.preparedQuery(Wire.readShortBytes(body));
        texts.add(text == null ? "EXECUTE" : text);
      }
      int values = Wire.readShortUnsigned(body);
      for (int v = 0; v < values; v++) {
        Wire.readBytesSlice(body);
      }
    }
    return texts;
  }

  /** The query parameters of QUERY and EXECUTE, and the tail of BATCH. */
  private record Parameters(ConsistencyLevel consistency, List<ByteBuffer> values, String keyspace) {
    static final Parameters NONE = new Parameters(null, List.of(), null);

    static Parameters read(ByteBuffer body, int version, boolean withValues) {
      ConsistencyLevel consistency = Wire.readConsistency(body);
      int flags = version >= 5 ? body.getInt() : body.get() & 0xFF;
      List<ByteBuffer> values = List.of();
      if (withValues && (flags & 0x01) != 0) {
        int n = Wire.readShortUnsigned(body);
        List<ByteBuffer> read = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          if ((flags & 0x40) != 0) {
            Wire.readString(body);
          }
          ByteBuffer value = Wire.readBytesSlice(body);
          read.add(value == null ? null : ByteBuffer.wrap(bytesOf(value)).asReadOnlyBuffer());
        }
        values = Collections.unmodifiableList(read);
      }
      if (withValues && (flags & 0x04) != 0) {
        body.getInt(); // page size
      }
      if (withValues && (flags & 0x08) != 0) {
        Wire.readBytesSlice(body); // paging state
      }
      if ((flags & 0x10) != 0) {
        body.getShort(); // serial consistency
      }
      if ((flags & 0x20) != 0) {
        body.getLong(); // default timestamp
      }
      String keyspace = version >= 5 && (flags & 0x80) != 0 ? Wire.readString(body) : null;
      return new Parameters(consistency, values, keyspace);
    }

    private static byte[] bytesOf(ByteBuffer value) {
      byte[] b = new byte[value.remaining()];
      value.get(b);
      return b;
    }
  }
}
