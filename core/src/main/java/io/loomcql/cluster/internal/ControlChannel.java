package io.loomcql.cluster.internal;

import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.transport.internal.Connection;
import java.time.Duration;

/** What the cluster's parts ask of the control connection. */
public interface ControlChannel {

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
