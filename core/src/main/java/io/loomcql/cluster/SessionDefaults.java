package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.internal.ExecutionProfiles;
import io.loomcql.query.RowFactory;
import io.loomcql.query.internal.StatementOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Session} uses for statements that do not say: its default execution profile,
 * fetch size and client timestamps, with their public accessors, and copies of profiles to
 * change ({@link Session} is the only subclass). Each setting is one volatile field, written only
 * here by the setters (the last write wins) and read by every request.
 */
abstract sealed class SessionDefaults permits Session {

  /**
   * This session's default execution profile: the cluster's {@link Cluster#EXEC_PROFILE_DEFAULT}
   * profile as of {@code connect}, changed by the {@code setDefault*} setters (which replace it).
   */
  volatile ExecutionProfile defaultProfile;
  volatile int defaultFetchSize = 5000;
  volatile boolean useClientTimestamp = true;

  final ExecutionProfiles profiles;

  SessionDefaults(ExecutionProfiles profiles) {
    this.profiles = profiles;
    this.defaultProfile = profiles.named(Cluster.EXEC_PROFILE_DEFAULT);
  }

  /**
   * {@return a copy of an execution profile with {@code changes} applied (Python: {@code
   * execution_profile_clone_update(ep, **kwargs)}), to execute with once or to register under a
   * new name} The copy shares the original's policies (a load-balancing policy is populated once
   * per cluster, so the clone plans as the original).
   *
   * @param profileOrName an {@link ExecutionProfile}, or the name of a registered one
   * @param changes what to change, applied to a builder holding the profile's values
   * @throws IllegalArgumentException if no profile has that name
   */
  public ExecutionProfile executionProfileCloneUpdate(
      Object profileOrName, Consumer<ExecutionProfile.Builder> changes) {
    ExecutionProfile base =
        profileOrName instanceof ExecutionProfile profile ? profile : profiles.choose(profileOrName, defaultProfile);
    ExecutionProfile.Builder builder = base.toBuilder();
    changes.accept(builder);
    return builder.build();
  }

  /**
   * This session's default execution profile: the cluster's {@link Cluster#EXEC_PROFILE_DEFAULT}
   * profile, with the changes made through {@link #setDefaultTimeout}, {@link
   * #setDefaultConsistencyLevel} and {@link #setDefaultSerialConsistencyLevel}.
   */
  public ExecutionProfile defaultExecutionProfile() {
    return defaultProfile;
  }

  /** Client-side timeout of {@code execute} calls that give none (default 10 s; null: none). */
  public Duration defaultTimeout() {
    return defaultProfile.requestTimeout();
  }

  /** Sets the request timeout of this session's default execution profile (null: none). */
  public void setDefaultTimeout(Duration timeout) {
    this.defaultProfile = defaultProfile.withRequestTimeout(timeout);
  }

  /** Consistency of statements that set none (default LOCAL_ONE). */
  public ConsistencyLevel defaultConsistencyLevel() {
    return defaultProfile.consistencyLevel();
  }

  /** Sets the consistency level of this session's default execution profile. */
  public void setDefaultConsistencyLevel(ConsistencyLevel level) {
    this.defaultProfile =
        defaultProfile.withConsistencyLevel(Objects.requireNonNull(level, "level"));
  }

  /** Serial consistency of statements that set none (default null: the server's, SERIAL). */
  public ConsistencyLevel defaultSerialConsistencyLevel() {
    return defaultProfile.serialConsistencyLevel();
  }

  /**
   * Sets the serial consistency level of this session's default execution profile.
   *
   * @throws IllegalArgumentException unless {@code level} is null, SERIAL or LOCAL_SERIAL
   */
  public void setDefaultSerialConsistencyLevel(ConsistencyLevel level) {
    this.defaultProfile = defaultProfile.withSerialConsistencyLevel(level);
  }

  /**
   * {@return the row factory of this session's default execution profile (default {@code
   * RowFactory.namedTuple()})}
   */
  public RowFactory<?> rowFactory() {
    return defaultProfile.rowFactory();
  }

  /** Sets the row factory of this session's default execution profile. */
  public void setRowFactory(RowFactory<?> factory) {
    this.defaultProfile = defaultProfile.withRowFactory(factory);
  }

  /**
   * {@return rows per page of statements that set no fetch size (default 5000; 0 disables paging)}
   */
  public int defaultFetchSize() {
    return defaultFetchSize;
  }

  /** Sets the rows per page of statements that set no fetch size (0 disables paging). */
  public void setDefaultFetchSize(int fetchSize) {
    this.defaultFetchSize = StatementOptions.fetchSize(fetchSize);
  }

  /**
   * {@return whether writes carry a client-side timestamp from the cluster's generator (default
   * true)}
   */
  public boolean useClientTimestamp() {
    return useClientTimestamp;
  }

  /** Sets whether writes carry a client-side timestamp from the cluster's generator. */
  public void setUseClientTimestamp(boolean use) {
    this.useClientTimestamp = use;
  }
}
