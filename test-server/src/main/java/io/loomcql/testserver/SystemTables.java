package io.loomcql.testserver;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers to a driver's reads of the system keyspaces, enough for a control connection:
 * {@code system.local} (this node), {@code system.peers} and {@code system.peers_v2} (the other
 * nodes of its cluster, or an Invalid error for {@code peers_v2} when the node plays a server
 * without it), each projected as the query asks (drivers read some answers by position); every
 * other table of a system keyspace (schema tables included) is empty, without columns.
 *
 * <p>Each node has one token, spread evenly over the Murmur3 ring, data center {@code
 * datacenter1}, rack {@code rack1}, release version 5.0.6, and the same schema version.
 */
final class SystemTables {

  static final UUID SCHEMA_VERSION =
      UUID.nameUUIDFromBytes("loomcql-test-schema".getBytes(StandardCharsets.UTF_8));

  private static final Pattern SYSTEM_SELECT =
      Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s+(system[a-z_]*\\.[a-z_0-9]+).*");

  private final int index;
  private final List<InetAddress> all;
  private final int port;
  private final boolean peersV2;
  private volatile UnaryOperator<InetAddress> announced = UnaryOperator.identity();

  /** Node {@code index} of the nodes listening on {@code all} (all on {@code port}). */
  SystemTables(int index, List<InetAddress> all, int port, boolean peersV2) {
    this.index = index;
    this.all = List.copyOf(all);
    this.port = port;
    this.peersV2 = peersV2;
  }

  void announcePeersAs(UnaryOperator<InetAddress> rpcAddress) {
    announced = rpcAddress;
  }

  static UUID hostId(int i) {
    return UUID.nameUUIDFromBytes(("loomcql-test-host-" + i).getBytes(StandardCharsets.UTF_8));
  }

  /** The answer to a SELECT on a system table. */
  Reply answer(String query) {
    Matcher m = SYSTEM_SELECT.matcher(query);
    if (!m.matches()) {
      return Reply.rows(Rows.of("system", "unknown"));
    }
    String table = m.group(2).toLowerCase(Locale.ROOT);
    List<Map<String, Cell>> rows = switch (table) {
      case "system.local" -> List.of(localRow());
      case "system.peers" -> peerRows(false);
      case "system.peers_v2" -> {
        if (!peersV2) {
          yield null;
        }
        yield peerRows(true);
      }
      default -> List.of();
    };
    if (rows == null) {
      return Reply.error(0x2200, "unconfigured table peers_v2");
    }
    String[] ksTable = table.split("\\.");
    Rows result = Rows.of(ksTable[0], ksTable[1]);
    Map<String, Cell> model = table.equals("system.local") ? localRow()
        : table.startsWith("system.peers") ? peerRow(0, table.endsWith("v2")) : Map.of();
    if (model.isEmpty()) {
      return Reply.rows(result);
    }
    List<String> names = projection(m.group(1).trim(), model);
    for (String name : names) {
      Cell cell = model.get(name);
      result.column(cell == null ? new Rows.Column(name, Rows.VARCHAR) : cell.column());
    }
    for (Map<String, Cell> row : rows) {
      byte[][] cells = new byte[names.size()][];
      for (int i = 0; i < cells.length; i++) {
        Cell cell = row.get(names.get(i));
        cells[i] = cell == null ? null : cell.value();
      }
      result.row(cells);
    }
    return Reply.rows(result);
  }

  private static List<String> projection(String projection, Map<String, Cell> model) {
    if (projection.equals("*")) {
      return new ArrayList<>(model.keySet());
    }
    List<String> names = new ArrayList<>();
    for (String name : projection.split(",")) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private record Cell(Rows.Column column, byte[] value) {}

  private static void put(Map<String, Cell> row, String name, int type, byte[] value) {
    row.put(name, new Cell(new Rows.Column(name, type), value));
  }

  private Map<String, Cell> localRow() {
    byte[] ip = all.get(index).getAddress();
    Map<String, Cell> row = new LinkedHashMap<>();
    put(row, "key", Rows.VARCHAR, BodyWriter.text("local"));
    put(row, "bootstrapped", Rows.VARCHAR, BodyWriter.text("COMPLETED"));
    put(row, "broadcast_address", Rows.INET, ip);
    put(row, "broadcast_port", Rows.INT, BodyWriter.int32(7000));
    put(row, "cluster_name", Rows.VARCHAR, BodyWriter.text("loomcql-test"));
    put(row, "cql_version", Rows.VARCHAR, BodyWriter.text("3.4.7"));
    put(row, "data_center", Rows.VARCHAR, BodyWriter.text("datacenter1"));
    put(row, "gossip_generation", Rows.INT, BodyWriter.int32(1));
    put(row, "host_id", Rows.UUID, BodyWriter.uuid(hostId(index)));
    put(row, "listen_address", Rows.INET, ip);
    put(row, "listen_port", Rows.INT, BodyWriter.int32(7000));
    put(row, "native_protocol_version", Rows.VARCHAR, BodyWriter.text("5"));
    put(row, "partitioner", Rows.VARCHAR,
        BodyWriter.text("org.apache.cassandra.dht.Murmur3Partitioner"));
    put(row, "rack", Rows.VARCHAR, BodyWriter.text("rack1"));
    put(row, "release_version", Rows.VARCHAR, BodyWriter.text("5.0.6"));
    put(row, "rpc_address", Rows.INET, ip);
    put(row, "rpc_port", Rows.INT, BodyWriter.int32(port));
    put(row, "schema_version", Rows.UUID, BodyWriter.uuid(SCHEMA_VERSION));
    row.put("tokens", new Cell(new Rows.Column("tokens", Rows.SET, Rows.VARCHAR), tokens(index)));
    return row;
  }

  private List<Map<String, Cell>> peerRows(boolean v2) {
    List<Map<String, Cell>> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i != index) {
        rows.add(peerRow(i, v2));
      }
    }
    return rows;
  }

  private Map<String, Cell> peerRow(int i, boolean v2) {
    byte[] ip = all.get(i).getAddress();
    byte[] rpc = announced.apply(all.get(i)).getAddress();
    Map<String, Cell> row = new LinkedHashMap<>();
    put(row, "peer", Rows.INET, ip);
    if (v2) {
      put(row, "peer_port", Rows.INT, BodyWriter.int32(7000));
    }
    put(row, "data_center", Rows.VARCHAR, BodyWriter.text("datacenter1"));
    put(row, "host_id", Rows.UUID, BodyWriter.uuid(hostId(i)));
    if (v2) {
      put(row, "native_address", Rows.INET, rpc);
      put(row, "native_port", Rows.INT, BodyWriter.int32(port));
    }
    put(row, "preferred_ip", Rows.INET, null);
    if (v2) {
      put(row, "preferred_port", Rows.INT, null);
    }
    put(row, "rack", Rows.VARCHAR, BodyWriter.text("rack1"));
    put(row, "release_version", Rows.VARCHAR, BodyWriter.text("5.0.6"));
    if (!v2) {
      put(row, "rpc_address", Rows.INET, rpc);
    }
    put(row, "schema_version", Rows.UUID, BodyWriter.uuid(SCHEMA_VERSION));
    row.put("tokens", new Cell(new Rows.Column("tokens", Rows.SET, Rows.VARCHAR), tokens(i)));
    return row;
  }

  /** One token per node, spread over the Murmur3 ring. */
  private byte[] tokens(int i) {
    long token = Long.MIN_VALUE + i * (Long.MAX_VALUE / all.size()) * 2;
    return BodyWriter.textCollection(List.of(Long.toString(token)));
  }
}
