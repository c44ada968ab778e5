package io.loomcql.protocol.internal;

/** A RESULT of kind Void: the request succeeded and returns nothing (writes, most DDL...). */
public record VoidResult() implements Result {

  /** The one instance the decoder hands out (all are equal). */
  public static final VoidResult INSTANCE = new VoidResult();
}
