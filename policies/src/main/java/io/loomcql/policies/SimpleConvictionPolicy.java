package io.loomcql.policies;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Convicts a node on its first failure, whatever it is, except a client-side request timeout (the
 * Python driver's {@code cassandra.policies.SimpleConvictionPolicy}, the default of {@code
 * Cluster.conviction_policy_factory}). It keeps no state, so {@link #reset()} does nothing.
 *
 * <p>Python 3.25 returns {@code not isinstance(connection_exc, OperationTimedOut)}: a request that
 * merely ran out of client time says nothing about the node's health. The Java counterpart, {@code
 * io.loomcql.OperationTimedOutException}, lives in the {@code protocol} module. The {@linkplain
 * #SimpleConvictionPolicy() default constructor} recognises it by name: an error is spared when its
 * class, or any superclass, is named {@value #OPERATION_TIMED_OUT}, which is exactly Python's {@code
 * isinstance} (subclasses included), whichever class loader defined the class. As in Python, only the
 * error itself is tested, not its causes. {@link #SimpleConvictionPolicy(Predicate)} lets the
 * caller (or a test) say which errors to spare instead.
 */
public final class SimpleConvictionPolicy implements ConvictionPolicy {

  /** The class name of the error Python's policy does not convict on. */
  public static final String OPERATION_TIMED_OUT = "io.loomcql.OperationTimedOutException";

  private final Predicate<Throwable> spared;

  /**
   * The Python driver's policy: convicts on every error except an {@value #OPERATION_TIMED_OUT}
   * (or a subclass of it).
   */
  public SimpleConvictionPolicy() {
    this(SimpleConvictionPolicy::isOperationTimedOut);
  }

  /**
   * A policy that convicts on every error except those {@code spared} accepts.
   *
   * @param spared the errors that do not mark the node down; not null
   */
  public SimpleConvictionPolicy(Predicate<Throwable> spared) {
    this.spared = Objects.requireNonNull(spared, "spared");
  }

  /**
   * Returns {@code true} (convict) unless the error is spared; by default only an {@value
   * #OPERATION_TIMED_OUT} is.
   *
   * @param error the failure; not null
   */
  @Override
  public boolean addFailure(Throwable error) {
    Objects.requireNonNull(error, "error");
    return !spared.test(error);
  }

  /** Does nothing: this policy keeps no failure history (as in Python). */
  @Override
  public void reset() {}

  private static boolean isOperationTimedOut(Throwable error) {
    for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(OPERATION_TIMED_OUT)) {
        return true;
      }
    }
    return false;
  }
}
