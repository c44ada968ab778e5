package io.loomcql.cluster.internal;

import io.loomcql.NoHostAvailableException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.transport.spi.Connection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** What the cluster's parts ask of the control connection. */
public interface ControlChannel {

  /**
   * Opens the control connection to the first of {@code candidates} that answers, negotiating
   * the protocol version down from {@code highest} unless {@code explicit}, and reads the nodes
   * and (if enabled) the schema.
   *
   * @throws NoHostAvailableException if no candidate could be reached
   */
  void connect(List<InetSocketAddress> candidates, ProtocolVersion highest, boolean explicit);

  /** {@return the node the control connection is on, or null} */
  InetSocketAddress endpoint();

  /** {@return the name the cluster reports in system.local, once connected} */
  String clusterName();

  /** Closes the control connection for good. */
  void close();

  /** {@return the control connection, or null while there is none} */
  Connection connection();

  /** {@return whether every node believed up reported the same schema version within {@code maxWait}} */
  boolean waitForSchemaAgreement(Connection on, Duration maxWait);

  /** Reads the node list again, if there is a control connection. */
  void refreshNodeList();

  /**
   * Reads the node list again, rebuilding the ring when tokens changed or {@code forceTokenRebuild}.
   * Failures are thrown.
   */
  void refreshNodeList(boolean forceTokenRebuild);

  /** Reads the whole schema on {@code on}; failures are thrown. */
  void refreshSchema(Connection on);

  /** Reads what {@code change} changed on {@code on}; failures are thrown. */
  void refreshSchema(Connection on, SchemaChange change);

  /** Reads what {@code change} changed; failures are logged. */
  void onSchemaChange(SchemaChange change);
}
