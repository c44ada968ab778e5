package io.loomcql.cluster.internal;

import io.loomcql.mapping.internal.UserTypeRegistry;
import io.loomcql.wire.Frame;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.cluster.internal.request.BlockingRequest;
import io.loomcql.cluster.internal.request.RequestContext;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.cluster.internal.request.ResponseMapper;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.wire.Request;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.internal.PreparedInternals;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ResponseCallback;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares statements for a session and keeps them, weakly held by id (a statement the application dropped is
 * forgotten), and the PREPAREs sent without waiting: on the other nodes after a prepare, and on a
 * node whose pool (re)opens. Thread-safe: a concurrent map, written by preparing threads and read
 * by pool openers.
 */
public final class PreparedRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(PreparedRegistry.class);

  private final RequestContext requests;
  private final SessionPools pools;
  private final ClusterRuntime runtime;
  private final UserTypeRegistry userTypes;
  private final ConcurrentHashMap<String, WeakReference<PreparedStatement>> byId = new ConcurrentHashMap<>();

  /** @param requests what the session's PREPARE requests need of it */
  public PreparedRegistry(
      RequestContext requests, SessionPools pools, ClusterRuntime runtime, UserTypeRegistry userTypes) {
    this.requests = requests;
    this.pools = pools;
    this.runtime = runtime;
    this.userTypes = userTypes;
  }

  /**
   * Prepares {@code query} on a node, blocking until it answers (at most {@code timeoutMillis}, 0
   * for no limit), remembers the statement and, if the cluster prepares on all hosts, asks every
   * other node to prepare it too without waiting.
   */
  public PreparedStatement prepare(String query, String keyspace, ExecutionProfile profile, long timeoutMillis) {
    Prepare request = new Prepare(query, keyspace);
    RequestTemplate template =
        new RequestTemplate(profile, profile.consistencyLevel(), (pagingState, version, level) -> request);
    BlockingRequest handler =
        new BlockingRequest(requests, new SimpleStatement(query), null, template, null, timeoutMillis);
    PreparedStatement statement = PreparedInternals.create(ResponseMapper.toPreparedInfo(
        query, keyspace, handler.prepare(), runtime.negotiatedVersion(), userTypes));
    register(statement);
    if (runtime.config().prepareOnAllHosts()) {
      prepareOnOtherNodes(request, handler.lastHost(), pools.all());
    }
    return statement;
  }

  /** Remembers {@code statement}, to re-prepare it on nodes that come back. */
  private void register(PreparedStatement statement) {
    byId.put(HexFormat.of().formatHex(statement.queryId()), new WeakReference<>(statement));
  }

  /** Prepares every live prepared statement on a (re)opened pool's node. */
  public void reprepareOn(NodePool pool) {
    Connection connection = pool.borrow();
    if (connection == null) {
      return;
    }
    for (PreparedStatement statement : live()) {
      sendAndForget(connection, new Prepare(statement.queryString(), statement.keyspace()));
    }
  }

  /** Sends {@code request} to every pool's node but {@code preparedOn}, without waiting. */
  private static void prepareOnOtherNodes(Prepare request, InetSocketAddress preparedOn, Collection<NodePool> pools) {
    for (NodePool pool : pools) {
      Connection connection = pool.endpoint().equals(preparedOn) ? null : pool.borrow();
      if (connection != null) {
        sendAndForget(connection, request);
      }
    }
  }

  private List<PreparedStatement> live() {
    List<PreparedStatement> live = new ArrayList<>();
    byId.values().removeIf(reference -> reference.get() == null);
    for (WeakReference<PreparedStatement> reference : byId.values()) {
      PreparedStatement statement = reference.get();
      if (statement != null) {
        live.add(statement);
      }
    }
    return live;
  }

  /** Sends a request whose answer nobody waits for (a failure only means work later). */
  private static void sendAndForget(Connection connection, Request request) {
    connection.send(
        request,
        0,
        null,
        new ResponseCallback() {
          @Override
          public void onResponse(Frame frame) {}

          @Override
          public void onFailure(Throwable error) {
            LOG.debug("{} on {} failed; it will be redone on demand", request, connection.endpoint(), error);
          }
        },
        Connection.NO_WAIT,
        Connection.NO_DEADLINE);
  }
}
