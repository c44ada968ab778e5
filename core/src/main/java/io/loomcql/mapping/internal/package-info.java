/**
 * User types read and written as the application's Java classes ({@code
 * Cluster.registerUserType}): the registry of one cluster's mapped classes ({@code
 * UserTypeRegistry}, which hands the protocol's codecs the codec of each mapped type and tells
 * the {@code %s} encoder which type a class is mapped to) and the codecs of records ({@code
 * RecordCodec}) and bean-like classes ({@code BeanCodec}). The wire format of a user type stays in
 * the protocol module; this package only maps its fields to a class's components or properties.
 * Not exported.
 */
package io.loomcql.mapping.internal;
