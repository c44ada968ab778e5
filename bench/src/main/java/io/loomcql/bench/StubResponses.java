package io.loomcql.bench;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stub server's canned answers: whole response frames (9-byte header + body) built once, whose
 * version byte and stream id {@link StubServer} patches when it copies them out. Also the
 * classification of a CQL string into what the stub answers (system tables, the bench table
 * {@code b.kv(id bigint PRIMARY KEY, v text)}, writes, {@code USE}).
 *
 * <p>Immutable after construction; shared by all the stub's selector threads.
 */
final class StubResponses {

  // opcodes
  static final int ERROR = 0x00;
  static final int STARTUP = 0x01;
  static final int READY = 0x02;
  static final int OPTIONS = 0x05;
  static final int SUPPORTED = 0x06;
  static final int QUERY = 0x07;
  static final int RESULT = 0x08;
  static final int PREPARE = 0x09;
  static final int EXECUTE = 0x0A;
  static final int REGISTER = 0x0B;
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

  static final int HEADER_SIZE = 9;

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

  final byte[] supported;
  final byte[] ready;
  final byte[] voidResult;
  final byte[] readRowFull;
  final byte[] readRowNoMetadata;
  private final int valueSize;
  private final Map<String, LinkedHashMap<String, Object[]>> systemTables = new LinkedHashMap<>();

  StubResponses(InetAddress address, int port, int valueSize) {
    this.valueSize = valueSize;
    supported = frame(SUPPORTED, new WireWriter().writeStringMultimap(orderedMap(
        "CQL_VERSION", List.of("3.4.7"),
        "PROTOCOL_VERSIONS", List.of("3/v3", "4/v4", "5/v5"),
        "COMPRESSION", List.of())).toByteArray());
    ready = frame(READY, new byte[0]);
    voidResult = frame(RESULT, new WireWriter().writeInt(1).toByteArray());
    List<List<byte[]>> one = List.of(kvRow(0));
    readRowFull = frame(RESULT, rows(KV_COLUMNS, "b", "kv", one, false));
    readRowNoMetadata = frame(RESULT, rows(KV_COLUMNS, "b", "kv", one, true));

    byte[] ip = address.getAddress();
    UUID hostId = UUID.nameUUIDFromBytes(("loomcql-stub-host-" + address).getBytes(StandardCharsets.UTF_8));
    UUID schema = UUID.nameUUIDFromBytes("loomcql-stub-schema".getBytes(StandardCharsets.UTF_8));
    LinkedHashMap<String, Object[]> local = new LinkedHashMap<>();
    put(local, "key", VARCHAR, text("local"));
    put(local, "bootstrapped", VARCHAR, text("COMPLETED"));
    put(local, "broadcast_address", INET, ip);
    put(local, "broadcast_port", INT, intBytes(7000));
    put(local, "cluster_name", VARCHAR, text("loomcql-stub"));
    put(local, "cql_version", VARCHAR, text("3.4.7"));
    put(local, "data_center", VARCHAR, text("datacenter1"));
    put(local, "gossip_generation", INT, intBytes(1));
    put(local, "host_id", UUID_TYPE, uuid(hostId));
    put(local, "listen_address", INET, ip);
    put(local, "listen_port", INT, intBytes(7000));
    put(local, "native_protocol_version", VARCHAR, text("5"));
    put(local, "partitioner", VARCHAR, text("org.apache.cassandra.dht.Murmur3Partitioner"));
    put(local, "rack", VARCHAR, text("rack1"));
    put(local, "release_version", VARCHAR, text("5.0.6"));
    put(local, "rpc_address", INET, ip);
    put(local, "rpc_port", INT, intBytes(port));
    put(local, "schema_version", UUID_TYPE, uuid(schema));
    local.put("tokens", new Object[] {new Col("tokens", SET, VARCHAR), textSet("0")});
    systemTables.put("system.local", local);

    LinkedHashMap<String, Object[]> peers = new LinkedHashMap<>();
    for (String c : List.of("peer:" + INET, "data_center:" + VARCHAR, "host_id:" + UUID_TYPE,
        "preferred_ip:" + INET, "rack:" + VARCHAR, "release_version:" + VARCHAR, "rpc_address:" + INET,
        "schema_version:" + UUID_TYPE)) {
      String[] p = c.split(":");
      put(peers, p[0], Integer.parseInt(p[1]), null);
    }
    peers.put("tokens", new Object[] {new Col("tokens", SET, VARCHAR), null});
    systemTables.put("system.peers", peers);
    LinkedHashMap<String, Object[]> peersV2 = new LinkedHashMap<>();
    for (String c : List.of("peer:" + INET, "peer_port:" + INT, "data_center:" + VARCHAR,
        "host_id:" + UUID_TYPE, "native_address:" + INET, "native_port:" + INT, "preferred_ip:" + INET,
        "preferred_port:" + INT, "rack:" + VARCHAR, "release_version:" + VARCHAR,
        "schema_version:" + UUID_TYPE)) {
      String[] p = c.split(":");
      put(peersV2, p[0], Integer.parseInt(p[1]), null);
    }
    peersV2.put("tokens", new Object[] {new Col("tokens", SET, VARCHAR), null});
    systemTables.put("system.peers_v2", peersV2);
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

  /** A ROWS frame of {@code n} (id, v) rows, for a scan. */
  byte[] scanFrame(int n, boolean noMetadata) {
    List<List<byte[]>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(kvRow(i));
    }
    return frame(RESULT, rows(KV_COLUMNS, "b", "kv", rows, noMetadata));
  }

  /** A ROWS frame of {@code n} b.wide rows: int, bigint, 32 letters, a uuid, 100 bytes of blob. */
  byte[] wideFrame(int n, boolean noMetadata) {
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
    return frame(RESULT, rows(WIDE_COLUMNS, "b", "wide", rows, noMetadata));
  }

  /**
   * The answer to a SELECT on a system table: its columns as projected by the query (the
   * java-driver reads some answers by position), one row for system.local, none elsewhere.
   */
  byte[] systemFrame(String query) {
    Matcher m = SYSTEM_SELECT.matcher(query);
    if (!m.matches()) {
      return frame(RESULT, rows(List.of(), "system", "unknown", List.of(), false));
    }
    String table = m.group(2).toLowerCase(Locale.ROOT);
    LinkedHashMap<String, Object[]> model = systemTables.get(table);
    if (model == null) {
      // system_schema.*, system_virtual_schema.*, ...: empty, with no columns
      return frame(RESULT, rows(List.of(), "system", table, List.of(), false));
    }
    List<String> names = new ArrayList<>();
    String projection = m.group(1).trim();
    if (projection.equals("*")) {
      names.addAll(model.keySet());
    } else {
      for (String name : projection.split(",")) {
        names.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    List<Col> cols = new ArrayList<>();
    List<byte[]> row = new ArrayList<>();
    for (String name : names) {
      Object[] entry = model.get(name);
      if (entry == null) {
        cols.add(new Col(name, VARCHAR));
        row.add(null);
      } else {
        cols.add((Col) entry[0]);
        row.add((byte[]) entry[1]);
      }
    }
    boolean oneRow = table.equals("system.local");
    String[] ksTable = table.split("\\.");
    return frame(RESULT, rows(cols, ksTable[0], ksTable[1], oneRow ? List.of(row) : List.of(), false));
  }

  /** SET_KEYSPACE for {@code USE ks}. */
  static byte[] setKeyspaceFrame(String query) {
    String ks = query.trim().substring(3).trim().replace("\"", "").replace(";", "");
    return frame(RESULT, new WireWriter().writeInt(3).writeString(ks).toByteArray());
  }

  static byte[] errorFrame(int code, String message) {
    return frame(ERROR, new WireWriter().writeInt(code).writeString(message).toByteArray());
  }

  static byte[] unpreparedFrame(byte[] id) {
    return frame(ERROR, new WireWriter().writeInt(0x2500).writeString("Prepared query with ID "
        + hex(id) + " not found (stub server)").writeShortBytes(id).toByteArray());
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
  static byte[] preparedFrame(Classified c, byte[] id, byte[] resultMetadataId, int version) {
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
    return frame(RESULT, w.toByteArray());
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

  /** A whole frame: header (version 0 and stream 0, patched on the way out) then {@code body}. */
  static byte[] frame(int opcode, byte[] body) {
    byte[] f = new byte[HEADER_SIZE + body.length];
    f[4] = (byte) opcode;
    ByteBuffer.wrap(f).putInt(5, body.length);
    System.arraycopy(body, 0, f, HEADER_SIZE, body.length);
    return f;
  }

  /** A 16-byte id derived from {@code text} (MD5, as Cassandra does for prepared ids). */
  static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder("0x");
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }

  private static void put(Map<String, Object[]> model, String name, int type, byte[] value) {
    model.put(name, new Object[] {new Col(name, type), value});
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] intBytes(int i) {
    return ByteBuffer.allocate(4).putInt(0, i).array();
  }

  private static byte[] uuid(UUID u) {
    return ByteBuffer.allocate(16).putLong(0, u.getMostSignificantBits()).putLong(8, u.getLeastSignificantBits())
        .array();
  }

  private static byte[] textSet(String... elements) {
    WireWriter w = new WireWriter().writeInt(elements.length);
    for (String e : elements) {
      w.writeBytes(text(e));
    }
    return w.toByteArray();
  }

  private static Map<String, List<String>> orderedMap(Object... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> v = (List<String>) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }

  static boolean sameId(byte[] id, byte[] src, int off, int len) {
    return id.length == len && Arrays.equals(id, 0, len, src, off, off + len);
  }
}
