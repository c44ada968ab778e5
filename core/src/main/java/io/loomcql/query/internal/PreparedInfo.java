package io.loomcql.query.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import java.util.Objects;

/**
 * What a {@link PreparedStatement} is made of: the server's answer to PREPARE and what the driver
 * knew when it asked. Built once, where the answer is mapped; the statement keeps it. The arrays
 * are copied in and shared out: the driver reads them, never writes them.
 *
 * @param queryString the CQL string that was prepared
 * @param keyspace the keyspace given to {@code prepare(query, keyspace)}, or null
 * @param queryId the server's id of the statement
 * @param resultMetadataId the server's id of the result columns (protocol v5), or null
 * @param variables the bind markers, in order
 * @param routingKeyIndexes the bind markers that form the partition key, in partition key order
 *     (null is taken as none)
 * @param resultColumns the columns the statement returns, or null when the server sent none
 * @param protocolVersion the protocol version the statement was prepared with
 * @param userTypes the codecs of the user types bound as mapped classes (the cluster's {@code
 *     registerUserType})
 */
public record PreparedInfo(
    String queryString,
    String keyspace,
    byte[] queryId,
    byte[] resultMetadataId,
    ColumnDefinitions variables,
    int[] routingKeyIndexes,
    ColumnDefinitions resultColumns,
    ProtocolVersion protocolVersion,
    MappedClassCodecs userTypes) {

  /** Checks the required parts and copies the arrays. */
  public PreparedInfo {
    Objects.requireNonNull(queryString, "queryString");
    queryId = Objects.requireNonNull(queryId, "queryId").clone();
    resultMetadataId = resultMetadataId == null ? null : resultMetadataId.clone();
    Objects.requireNonNull(variables, "variables");
    routingKeyIndexes = routingKeyIndexes == null ? new int[0] : routingKeyIndexes.clone();
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(userTypes, "userTypes");
  }
}
