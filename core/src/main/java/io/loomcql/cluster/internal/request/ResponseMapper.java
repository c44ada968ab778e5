package io.loomcql.cluster.internal.request;

import io.loomcql.ConnectionException;
import io.loomcql.DriverException;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OverloadedException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.TruncateException;
import io.loomcql.UnavailableException;
import io.loomcql.WriteTimeoutException;
import io.loomcql.cluster.ResultSet;
import io.loomcql.metrics.internal.MetricsRecorder;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.protocol.internal.SetKeyspace;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.transport.spi.Connection;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a node's answer into what the request makes of it: a RESULT into a {@link ResultSet} (or
 * the PREPARED response), a schema change or a new keyspace into the work left for after the
 * request; and says which prepared statement an UNPREPARED error is about, checks a re-prepare's
 * answer, counts errors. Stateless: the request's state stays in its {@link RequestExecution}.
 */
public final class ResponseMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseMapper.class);

  private ResponseMapper() {}

  /**
   * Maps a successful (non-ERROR) answer from {@code connection}: the result set or PREPARED
   * response is left in {@code request}; a schema change or USE also leaves work for after the
   * request ended.
   */
  static Outcome map(RequestExecution request, Connection connection, Frame frame, DecodedResponse decoded) {
    InetSocketAddress host = connection.endpoint();
    List<String> warnings = decoded.warnings() == null ? List.of() : decoded.warnings();
    for (int i = 0; i < warnings.size(); i++) {
      // As the Python driver: what the server warns about (oversized batches, tombstones, ...)
      // is an operator's business, so it is logged as well as handed to the caller.
      LOG.warn("Server warning from {}: {}", host, warnings.get(i));
    }
    Response response = decoded.response();
    switch (response) {
      case Rows rows -> {
        request.result =
            request.resultSet(
                toPage(request, rows, frame.version()), rows.metadata().pagingState(), warnings, true,
                decoded.tracingId(), decoded.customPayload(), host);
        return Outcome.ANSWERED;
      }
      case VoidResult v -> {
        request.result = emptyResult(request, decoded, host);
        return Outcome.ANSWERED;
      }
      case SchemaChange change -> {
        return new Outcome.SchemaChanged(change, decoded, connection);
      }
      case SetKeyspace setKeyspace -> {
        request.result = emptyResult(request, decoded, host);
        return new Outcome.KeyspaceChanged(setKeyspace.keyspace(), connection);
      }
      case Prepared prepared -> {
        request.prepared = prepared;
        return Outcome.ANSWERED;
      }
      default -> throw new ProtocolException("Unexpected response from " + host + ": " + response);
    }
  }

  /** The result of a schema change, once it is known whether the nodes agreed on it. */
  static ResultSet schemaChangeResult(
      RequestExecution request, Outcome.SchemaChanged change, boolean agreed) {
    DecodedResponse decoded = change.decoded();
    return request.resultSet(
        null, null, decoded.warnings() == null ? List.of() : decoded.warnings(), agreed,
        decoded.tracingId(), decoded.customPayload(), change.coordinator().endpoint());
  }

  private static ResultSet emptyResult(
      RequestExecution request, DecodedResponse decoded, InetSocketAddress host) {
    return request.resultSet(
        null, null, decoded.warnings(), true, decoded.tracingId(), decoded.customPayload(), host);
  }

  private static RowsPage toPage(RequestExecution request, Rows rows, ProtocolVersion version) {
    Statement statement = request.statement;
    RowsMetadata metadata = rows.metadata();
    ColumnDefinitions columns;
    TypeCodec<?>[] codecs = null;
    if (metadata.columns() != null) {
      columns = toDefinitions(metadata.columns());
      if (metadata.newResultMetadataId() != null && statement instanceof BoundStatement bound) {
        PreparedInternals.updateResultMetadata(bound.preparedStatement(), metadata.newResultMetadataId(), columns);
      }
    } else if (statement instanceof BoundStatement bound
        && PreparedInternals.resultColumnsOrNull(bound.preparedStatement()) != null) {
      columns = PreparedInternals.resultColumnsOrNull(bound.preparedStatement());
      codecs = PreparedInternals.resultCodecs(bound.preparedStatement(), columns);
    } else {
      throw new ProtocolException(
          "The server sent rows without column metadata for " + statement
              + ", but the driver did not ask it to skip them");
    }
    if (columns.size() != rows.columnCount()) {
      throw new ProtocolException(
          "Rows have " + rows.columnCount() + " columns but their metadata describes " + columns.size());
    }
    return new RowsPage(columns, rows, version, request.context.userTypes(), codecs);
  }

  /** The column definitions of a result or of a prepared statement's variables. */
  public static ColumnDefinitions toDefinitions(List<ColumnSpec> specs) {
    List<ColumnDefinition> columns = new ArrayList<>(specs.size());
    for (ColumnSpec spec : specs) {
      columns.add(new ColumnDefinition(spec.keyspace(), spec.table(), spec.name(), spec.type()));
    }
    return new ColumnDefinitions(columns);
  }

  /**
   * What a prepared statement is made of: the server's answer to PREPARE {@code query} (with
   * {@code keyspace}, or null), the protocol version it was prepared with, and the codecs of the
   * user types its values bind as mapped classes.
   */
  public static PreparedInfo toPreparedInfo(
      String query, String keyspace, Prepared prepared, ProtocolVersion version,
      MappedClassCodecs userTypes) {
    List<ColumnSpec> resultColumns = prepared.resultMetadata().columns();
    return new PreparedInfo(
        query, keyspace, prepared.queryId(), prepared.resultMetadataId(),
        toDefinitions(prepared.variables().columns()), prepared.variables().pkIndexes(),
        resultColumns == null ? null : toDefinitions(resultColumns), version, userTypes);
  }

  /** The prepared statement of {@code statement} that a node says it does not know, or null. */
  static PreparedStatement findPrepared(Statement statement, byte[] id) {
    if (statement instanceof BoundStatement bound
        && Arrays.equals(bound.preparedStatement().queryId(), id)) {
      return bound.preparedStatement();
    }
    if (statement instanceof BatchStatement batch) {
      for (Statement child : batch.statements()) {
        if (child instanceof BoundStatement bound
            && Arrays.equals(bound.preparedStatement().queryId(), id)) {
          return bound.preparedStatement();
        }
      }
    }
    return null;
  }

  /** The PREPARE that re-prepares {@code target} on a node that forgot it. */
  static Request prepareOf(PreparedStatement target) {
    return new Prepare(target.queryString(), target.keyspace());
  }

  /**
   * Checks the answer to a re-PREPARE: the same id, or the statement changed on the server and
   * must be prepared again by the application. The node may have re-prepared against a changed
   * table, so its result columns become the statement's.
   */
  static void checkReprepared(PreparedStatement target, Response response) {
    if (!(response instanceof Prepared prepared)
        || !Arrays.equals(prepared.queryId(), target.queryId())) {
      throw new DriverException(
          "ID mismatch while trying to reprepare " + target + " (got " + response
              + "); the statement changed on the server: prepare it again");
    }
    List<ColumnSpec> columns = prepared.resultMetadata().columns();
    PreparedInternals.updateResultMetadata(
        target, prepared.resultMetadataId(), columns == null ? null : toDefinitions(columns));
  }

  /** Counts a failed attempt's error by kind. */
  static void countError(MetricsRecorder metrics, Throwable e) {
    if (metrics == null) {
      return;
    }
    switch (e) {
      case ConnectionException c -> metrics.onConnectionError();
      case WriteTimeoutException w -> metrics.onWriteTimeout();
      case ReadTimeoutException r -> metrics.onReadTimeout();
      case UnavailableException u -> metrics.onUnavailable();
      case OverloadedException o -> metrics.onOtherError();
      case IsBootstrappingException b -> metrics.onOtherError();
      case TruncateException t -> metrics.onOtherError();
      case ServerErrorException s -> metrics.onOtherError();
      default -> {}
    }
  }

  /** The CQL a statement runs, for the Flight Recorder. */
  static String queryText(Statement statement) {
    return switch (statement) {
      case SimpleStatement simple -> simple.queryString();
      case BoundStatement bound -> bound.preparedStatement().queryString();
      case BatchStatement batch -> "BATCH " + batch.batchType() + " of " + batch.size();
    };
  }
}
