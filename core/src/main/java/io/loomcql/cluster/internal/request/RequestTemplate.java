package io.loomcql.cluster.internal.request;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;

/**
 * What stays the same across the attempts and pages of one statement: its execution profile, its
 * consistency level and how to build its message for a paging state, a protocol version and a
 * consistency level (which a retry policy may lower). Built once per statement execution; the
 * message is built per attempt because the protocol version may differ per node.
 */
public class RequestTemplate {

  /** Builds the message. */
  public interface Messages {
    Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel consistency);
  }

  private final ExecutionProfile profile;
  private final ConsistencyLevel consistency;
  private final Messages messages;

  /** {@code messages} may be null in a subclass that overrides {@link #build}. */
  public RequestTemplate(ExecutionProfile profile, ConsistencyLevel consistency, Messages messages) {
    this.profile = profile;
    this.consistency = consistency;
    this.messages = messages;
  }

  /** {@return the execution profile the statement runs with} */
  public final ExecutionProfile profile() {
    return profile;
  }

  /** {@return the consistency level the statement asked for (a retry may lower it per request)} */
  public final ConsistencyLevel consistency() {
    return consistency;
  }

  /** Builds the message for one attempt. */
  public Request build(ByteBuffer pagingState, ProtocolVersion version, ConsistencyLevel level) {
    return messages.build(pagingState, version, level);
  }
}
