package io.loomcql.cluster.internal;

import io.loomcql.DriverException;
import io.loomcql.protocol.internal.SchemaChange;
import io.loomcql.transport.spi.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the schema metadata current and waits for schema agreement: after a DDL statement (on the
 * request's thread), on the server's schema events (coalesced within a window), and on the
 * application's explicit refreshes. Reads of the schema run on the admin thread, one at a time,
 * serialised with node-state changes; callers that need the result wait for it.
 */
public final class SchemaRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRefresh.class);

  private final ClusterRuntime runtime;
  private final String name;
  private final ClusterConfig config;
  private final RefreshWindows windows;
  private final ControlChannel control;

  public SchemaRefresh(ClusterRuntime runtime, RefreshWindows windows, ControlChannel control) {
    this.runtime = runtime;
    this.name = runtime.name();
    this.config = runtime.config();
    this.windows = windows;
    this.control = control;
  }

  /**
   * Waits up to {@code maxSchemaAgreementWait} until every node believed up reports the same
   * schema version, asking {@code via} when open, else the control node; returns whether they
   * agreed. Blocks the caller (never an I/O thread).
   */
  public boolean waitForAgreement(Connection via) {
    Connection on = via != null && !via.isClosed() ? via : control.connection();
    if (on == null) {
      return false;
    }
    return control.waitForSchemaAgreement(on, config.maxSchemaAgreementWait());
  }

  /**
   * For the request path after a DDL statement answered on {@code via}: waits for schema agreement
   * as {@link #waitForAgreement}, then (schema metadata enabled, nodes agreed) refreshes the
   * changed element before returning, so that the metadata shows the change when the DDL call
   * returns, as in the Python driver. A failed refresh is logged, never thrown: the DDL itself
   * succeeded. Returns whether the nodes agreed.
   */
  public boolean afterSchemaChange(SchemaChange change, Connection via) {
    boolean agreed = waitForAgreement(via);
    if (agreed && config.schemaMetadataEnabled() && change != null && !runtime.isShutdown()) {
      try {
        onAdminThread("Schema", () -> control.onSchemaChange(change));
      } catch (DriverException e) {
        LOG.warn("{}: metadata not refreshed after {}: {}", name, change, e.getMessage());
      }
    }
    return agreed;
  }

  /** A server SCHEMA_CHANGE event: refresh what changed after a random delay within the window. */
  public void onSchemaEvent(SchemaChange change) {
    if (change == null || !config.schemaMetadataEnabled()) {
      return;
    }
    windows.refreshLater(refreshKey(change), config.schemaEventRefreshWindow(), () -> control.onSchemaChange(change));
  }

  /**
   * Changes whose refreshes may coalesce share a key: every change of one table (or view), type,
   * function name or aggregate name; a keyspace's option updates apart from its creation or drop,
   * which read the whole keyspace.
   */
  public static String refreshKey(SchemaChange change) {
    String target =
        change.target().equals("KEYSPACE") && !"UPDATED".equals(change.changeType())
            ? "KEYSPACE-WHOLE"
            : change.target();
    return "schema:" + target + ":" + change.keyspace() + ":" + change.name();
  }

  /** Reads the whole schema after waiting up to {@code wait} for agreement; failures thrown. */
  public void refreshAll(Duration wait) {
    refreshMetadata("Schema", wait, control::refreshSchema);
  }

  /**
   * Reads one element again ({@code target} as in a SCHEMA_CHANGE: KEYSPACE with an empty name,
   * TABLE, TYPE, FUNCTION, AGGREGATE) after waiting up to {@code wait} for agreement.
   *
   * @param what the element's kind in error messages ("Table")
   */
  public void refreshElement(String what, String target, String keyspace, String element, Duration wait) {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(element, "name");
    SchemaChange change = new SchemaChange("UPDATED", target, keyspace, element, List.of());
    refreshMetadata(what, wait, on -> control.refreshSchema(on, change));
  }

  /** Reads the node list again on the admin thread and waits for it; failures thrown. */
  public void refreshNodes(boolean forceTokenRebuild) {
    onAdminThread("Node list", () -> control.refreshNodeList(forceTokenRebuild));
  }

  /** Waits for schema agreement on the control connection, then runs {@code refresh} on it. */
  private void refreshMetadata(String what, Duration wait, Consumer<Connection> refresh) {
    Objects.requireNonNull(wait, "maxSchemaAgreementWait");
    onAdminThread(
        what,
        () -> {
          Connection on = control.connection();
          if (on == null) {
            throw new DriverException("there is no control connection");
          }
          if (!control.waitForSchemaAgreement(on, wait)) {
            throw new DriverException("the nodes did not agree on the schema within " + wait.toMillis() + " ms");
          }
          refresh.accept(on);
        });
  }

  /**
   * Runs {@code task} on the admin thread (serialised with event-driven refreshes) and waits for
   * it; failures become {@code DriverException("<what> metadata was not refreshed: ...")}.
   */
  private void onAdminThread(String what, Runnable task) {
    if (runtime.isShutdown()) {
      throw new DriverException("Cluster is already shut down");
    }
    if (!runtime.isStarted()) {
      throw new DriverException(what + " metadata was not refreshed: connect() the cluster first");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    runtime.admin().execute(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    while (true) {
      try {
        done.get(200, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        if (runtime.isShutdown()) {
          throw new DriverException(what + " metadata was not refreshed: the cluster was shut down");
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new DriverException(what + " metadata was not refreshed: " + cause.getMessage(), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(what + " metadata refresh was interrupted", e);
      }
    }
  }
}
