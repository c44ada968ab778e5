package io.loomcql.bench;

import io.loomcql.testserver.Reply;
import io.loomcql.testserver.Request;
import io.loomcql.testserver.Responder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub server answers to the bench's statements, on top of the test server (which
 * answers the handshake and the drivers' reads of the system tables itself): the classification
 * of a CQL string (the bench table {@code b.kv(id bigint PRIMARY KEY, v text)}, {@code b.wide},
 * writes, {@code USE}), the prepared statements (shared by all connections: drivers prepare on
 * one and execute on another), and the canned answers, each a {@link Reply} encoded once whose
 * version and stream id the server patches as it copies it out.
 *
 * <p>The fast path allocates nothing per request: an EXECUTE is looked up by the bytes of its id,
 * a QUERY by the bytes of its text in a small per-connection cache (each connection is served by
 * its own thread).
 */
final class StubResponses implements Responder {

  // opcodes
  static final int QUERY = 0x07;
  static final int RESULT = 0x08;
  static final int PREPARE = 0x09;
  static final int EXECUTE = 0x0A;
  static final int BATCH = 0x0D;

  // type option ids
  static final int BIGINT = 0x0002;
  static final int BLOB = 0x0003;
  static final int BOOLEAN = 0x0004;
  static final int INT = 0x0009;
  static final int UUID_TYPE = 0x000C;
  static final int VARCHAR = 0x000D;
  static final int INET = 0x0010;
  static final int SET = 0x0022;

  /** A column of a canned result: name, type id, element type id for sets (else 0). */
  record Col(String name, int type, int elementType) {
    Col(String name, int type) {
      this(name, type, 0);
    }
  }

  /** What the stub does with a statement, decided from its text. */
  enum Kind { READ, SCAN, WIDE, WRITE, OTHER, USE, SYSTEM }

  /** A classified statement: kind, rows for a scan, bind markers (name and type). */
  record Classified(Kind kind, int scanRows, List<Col> markers) {}

  static final List<Col> KV_COLUMNS = List.of(new Col("id", BIGINT), new Col("v", VARCHAR));
  /** B5's page: b.wide's five columns (int, bigint, text, uuid, blob). */
  static final List<Col> WIDE_COLUMNS = List.of(new Col("i", INT), new Col("b", BIGINT), new Col("t", VARCHAR),
      new Col("u", UUID_TYPE), new Col("bl", BLOB));

  private static final Pattern LIMIT = Pattern.compile("(?i)\\bLIMIT\\s+(\\d+)");
  private static final Pattern SYSTEM_SELECT =
      Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s+(system[a-z_]*\\.[a-z_0-9]+).*");

  final Reply voidResult;
  final Reply readRowFull;
  final Reply readRowNoMetadata;
  private final int valueSize;
  // Prepared statements, shared by all connections (drivers prepare on one, execute on another).
  private final Map<String, Prepared> preparedByQuery = new ConcurrentHashMap<>();
  private volatile Prepared[] preparedById = new Prepared[0];
  // The last simple-statement texts of a connection (each is served by its own thread), to
  // classify without decoding a String.
  private final ThreadLocal<QueryCache> queryCache = ThreadLocal.withInitial(QueryCache::new);

  /** A prepared statement: its id, its PREPARED answer per protocol version, its answers. */
  private record Prepared(byte[] id, Reply[] preparedByVersion, Reply full, Reply noMetadata) {}

  /** A connection's last four query texts and their answers. */
  private static final class QueryCache {
    final byte[][] queries = new byte[4][];
    final Reply[] answers = new Reply[4];
    int next;
  }

  StubResponses(int valueSize) {
    this.valueSize = valueSize;
    voidResult = Reply.message(RESULT, new WireWriter().writeInt(1).toByteArray());
    List<List<byte[]>> one = List.of(kvRow(0));
    readRowFull = Reply.message(RESULT, rows(KV_COLUMNS, "b", "kv", one, false));
    readRowNoMetadata = Reply.message(RESULT, rows(KV_COLUMNS, "b", "kv", one, true));
  }

  @Override
  public Reply answer(Request request) {
    return switch (request.opcode()) {
      case QUERY -> answerQuery(request);
      case PREPARE -> prepare(request.query()).preparedByVersion[request.version()];
      case EXECUTE -> answerExecute(request);
      case BATCH -> voidResult;
      default -> null;
    };
  }

  private Reply answerExecute(Request request) {
    byte[] a = request.bodyArray();
    int pos = request.bodyOffset();
    int idLength = u16(a, pos);
    Prepared p = findPrepared(a, pos + 2, idLength);
    if (p == null) {
      return Reply.unprepared(Arrays.copyOfRange(a, pos + 2, pos + 2 + idLength));
    }
    int q = pos + 2 + idLength;
    if (request.version() >= 5) {
      q += 2 + u16(a, q); // result metadata id
    }
    int queryFlags = request.version() >= 5 ? i32(a, q + 2) : a[q + 2];
    return (queryFlags & 0x02) != 0 ? p.noMetadata : p.full;
  }

  private Reply answerQuery(Request request) {
    byte[] a = request.bodyArray();
    int length = i32(a, request.bodyOffset());
    int start = request.bodyOffset() + 4;
    QueryCache cache = queryCache.get();
    for (int i = 0; i < cache.queries.length; i++) {
      byte[] known = cache.queries[i];
      if (known != null && known.length == length
          && Arrays.equals(known, 0, length, a, start, start + length)) {
        return cache.answers[i];
      }
    }
    String query = new String(a, start, length, StandardCharsets.UTF_8);
    Reply answer = switch (classify(query).kind()) {
      case READ -> readRowFull;
      case SCAN, WIDE -> prepare(query).full;
      case USE -> Reply.setKeyspace(query.trim().substring(3).trim().replace("\"", "").replace(";", ""));
      case WRITE, OTHER, SYSTEM -> voidResult;
    };
    int slot = cache.next++ & (cache.queries.length - 1);
    cache.queries[slot] = Arrays.copyOfRange(a, start, start + length);
    cache.answers[slot] = answer;
    return answer;
  }

  private Prepared prepare(String query) {
    return preparedByQuery.computeIfAbsent(query, q -> {
      Classified c = classify(q);
      byte[] id = md5(q);
      byte[] resultMetadataId = md5("result-metadata:" + q);
      Reply[] byVersion = new Reply[6];
      for (int v = 3; v <= 5; v++) {
        byVersion[v] = Reply.message(RESULT, preparedBody(c, id, resultMetadataId, v));
      }
      Reply full;
      Reply noMetadata;
      switch (c.kind()) {
        case READ -> {
          full = readRowFull;
          noMetadata = readRowNoMetadata;
        }
        case SCAN -> {
          full = Reply.message(RESULT, scanBody(c.scanRows(), false));
          noMetadata = Reply.message(RESULT, scanBody(c.scanRows(), true));
        }
        case WIDE -> {
          full = Reply.message(RESULT, wideBody(c.scanRows(), false));
          noMetadata = Reply.message(RESULT, wideBody(c.scanRows(), true));
        }
        default -> {
          full = voidResult;
          noMetadata = voidResult;
        }
      }
      Prepared p = new Prepared(id, byVersion, full, noMetadata);
      Prepared[] old = preparedById;
      Prepared[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = p;
      preparedById = grown; // computeIfAbsent serializes writers per key; ids differ per key
      return p;
    });
  }

  private Prepared findPrepared(byte[] src, int off, int len) {
    for (Prepared p : preparedById) {
      if (p.id.length == len && Arrays.equals(p.id, 0, len, src, off, off + len)) {
        return p;
      }
    }
    return null;
  }

  /** The value every read returns: {@code valueSize} ASCII letters. */
  byte[] value() {
    byte[] v = new byte[valueSize];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) ('a' + i % 26);
    }
    return v;
  }

  private List<byte[]> kvRow(long id) {
    return List.of(ByteBuffer.allocate(8).putLong(0, id).array(), value());
  }

  /** A ROWS body of {@code n} (id, v) rows, for a scan. */
  byte[] scanBody(int n, boolean noMetadata) {
    List<List<byte[]>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(kvRow(i));
    }
    return rows(KV_COLUMNS, "b", "kv", rows, noMetadata);
  }

  /** A ROWS body of {@code n} b.wide rows: int, bigint, 32 letters, a uuid, 100 bytes of blob. */
  byte[] wideBody(int n, boolean noMetadata) {
    List<List<byte[]>> rows = new ArrayList<>(n);
    byte[] text = Arrays.copyOf(value().length >= 32 ? value() : "abcdefghijklmnopqrstuvwxyzABCDEF".getBytes(
        StandardCharsets.US_ASCII), 32);
    for (int i = 0; i < n; i++) {
      byte[] blob = new byte[100];
      for (int j = 0; j < blob.length; j++) {
        blob[j] = (byte) (i * 31 + j);
      }
      rows.add(List.of(intBytes(i), ByteBuffer.allocate(8).putLong(0, i * 31L).array(), text,
          uuid(new UUID(i, ~i)), blob));
    }
    return rows(WIDE_COLUMNS, "b", "wide", rows, noMetadata);
  }

  /** Decides what the stub does with {@code query}. */
  static Classified classify(String query) {
    String q = query.trim();
    String upper = q.length() > 16 ? q.substring(0, 16).toUpperCase(Locale.ROOT) : q.toUpperCase(Locale.ROOT);
    if (upper.startsWith("SELECT")) {
      if (SYSTEM_SELECT.matcher(q).matches()) {
        return new Classified(Kind.SYSTEM, 0, List.of());
      }
      int markers = countMarkers(q);
      Matcher limit = LIMIT.matcher(q);
      if (q.toLowerCase(Locale.ROOT).contains("b.wide")) {
        return new Classified(Kind.WIDE, limit.find() ? Integer.parseInt(limit.group(1)) : 1000, List.of());
      }
      if (markers == 0 && limit.find()) {
        return new Classified(Kind.SCAN, Integer.parseInt(limit.group(1)), List.of());
      }
      if (markers == 0) {
        return new Classified(Kind.SCAN, 1000, List.of());
      }
      return new Classified(Kind.READ, 0, markerColumns(markers));
    }
    if (upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")) {
      return new Classified(Kind.WRITE, 0, markerColumns(countMarkers(q)));
    }
    if (upper.startsWith("USE ")) {
      return new Classified(Kind.USE, 0, List.of());
    }
    return new Classified(Kind.OTHER, 0, List.of());
  }

  /** The bench schema is fixed: the first marker is {@code id bigint}, the others {@code v text}. */
  private static List<Col> markerColumns(int markers) {
    List<Col> cols = new ArrayList<>();
    for (int i = 0; i < markers; i++) {
      cols.add(i == 0 ? new Col("id", BIGINT) : new Col(i == 1 ? "v" : "v" + i, VARCHAR));
    }
    return cols;
  }

  private static int countMarkers(String q) {
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '\'') {
        inString = !inString;
      } else if (c == '?' && !inString) {
        n++;
      }
    }
    return n;
  }

  /** The body of PREPARED for {@code c} in protocol {@code version} (3, 4 or 5). */
  static byte[] preparedBody(Classified c, byte[] id, byte[] resultMetadataId, int version) {
    WireWriter w = new WireWriter().writeInt(4).writeShortBytes(id);
    if (version >= 5) {
      w.writeShortBytes(resultMetadataId);
    }
    // bind markers
    List<Col> markers = c.markers();
    w.writeInt(markers.isEmpty() ? 0 : 0x0001).writeInt(markers.size());
    if (version >= 4) {
      boolean pk = !markers.isEmpty() && markers.get(0).name().equals("id");
      w.writeInt(pk ? 1 : 0);
      if (pk) {
        w.writeShort(0);
      }
    }
    if (!markers.isEmpty()) {
      w.writeString("b").writeString("kv");
      for (Col col : markers) {
        w.writeString(col.name()).writeShort(col.type());
      }
    }
    // result metadata
    if (c.kind() == Kind.WIDE) {
      writeMetadata(w, WIDE_COLUMNS, "b", "wide", false);
    } else if (c.kind() == Kind.READ || c.kind() == Kind.SCAN) {
      writeMetadata(w, KV_COLUMNS, "b", "kv", false);
    } else {
      w.writeInt(0x0004).writeInt(0);
    }
    return w.toByteArray();
  }

  /** A ROWS result body. */
  static byte[] rows(List<Col> cols, String ks, String table, List<List<byte[]>> rows, boolean noMetadata) {
    WireWriter w = new WireWriter().writeInt(2);
    writeMetadata(w, cols, ks, table, noMetadata);
    w.writeInt(rows.size());
    for (List<byte[]> row : rows) {
      for (byte[] cell : row) {
        w.writeBytes(cell);
      }
    }
    return w.toByteArray();
  }

  private static void writeMetadata(WireWriter w, List<Col> cols, String ks, String table, boolean noMetadata) {
    if (noMetadata) {
      w.writeInt(0x0004).writeInt(cols.size());
      return;
    }
    w.writeInt(cols.isEmpty() ? 0 : 0x0001).writeInt(cols.size());
    if (!cols.isEmpty()) {
      w.writeString(ks).writeString(table);
    }
    for (Col col : cols) {
      w.writeString(col.name()).writeShort(col.type());
      if (col.type() == SET) {
        w.writeShort(col.elementType());
      }
    }
  }

  /** A 16-byte id derived from {@code text} (MD5, as Cassandra does for prepared ids). */
  static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int u16(byte[] a, int p) {
    return (a[p] & 0xFF) << 8 | (a[p + 1] & 0xFF);
  }

  private static int i32(byte[] a, int p) {
    return (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | (a[p + 3] & 0xFF);
  }

  private static byte[] intBytes(int i) {
    return ByteBuffer.allocate(4).putInt(0, i).array();
  }

  private static byte[] uuid(UUID u) {
    return ByteBuffer.allocate(16).putLong(0, u.getMostSignificantBits()).putLong(8, u.getLeastSignificantBits())
        .array();
  }
}
