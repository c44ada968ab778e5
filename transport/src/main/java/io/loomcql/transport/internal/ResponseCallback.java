package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Frame;

/**
 * Receives the outcome of one request. Called exactly once, on the connection's loop thread (or
 * on the sending thread when the request fails before it is queued); implementations must return
 * quickly and never block: typically they unpark the waiting caller or hand off to an executor.
 */
public interface ResponseCallback {

  void onResponse(Frame frame);

  void onFailure(Throwable error);
}
