package io.loomcql.metadata;

/**
 * A position on the token ring, the value a partitioner computes from a partition's routing key
 * (the Python driver's {@code cassandra.metadata.Token} and its subclasses). Tokens of the same
 * kind are ordered like the server orders them; the node owning a token is the first node whose
 * token is greater than or equal to it, wrapping around.
 *
 * <p>One kind per partitioner: {@link Murmur3Token} ({@code Murmur3Partitioner}, the server's
 * default), {@link RandomToken} ({@code RandomPartitioner}) and {@link BytesToken} ({@code
 * ByteOrderedPartitioner}). Tokens are immutable values with {@code equals} and {@code hashCode}.
 * Comparing tokens of two kinds throws {@link ClassCastException}: a ring holds one kind only.
 */
public sealed interface Token extends Comparable<Token>
    permits Murmur3Token, RandomToken, BytesToken {}
