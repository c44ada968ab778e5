package io.loomcql.query.internal;

import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;

/**
 * The driver's own access to prepared statements: it makes them from the server's answer to
 * PREPARE, replaces their result columns when the server says they changed, and reads their ids
 * without the defensive copies the public {@code queryId()} and {@code resultMetadataId()} make
 * (every EXECUTE and BATCH carries them; the arrays must not be modified) and the codecs of their
 * result columns, looked up once. Users cannot reach this package, so a prepared statement they
 * hold is one the driver made, and only the driver changes its result columns.
 */
public final class PreparedInternals {

  /** What {@link PreparedStatement} gives this class, once, when it is initialized. */
  public interface Access {
    PreparedStatement create(PreparedInfo info);

    byte[] queryId(PreparedStatement statement);

    byte[] resultMetadataId(PreparedStatement statement);

    ColumnDefinitions resultColumnsOrNull(PreparedStatement statement);

    TypeCodec<?>[] resultCodecs(PreparedStatement statement, ColumnDefinitions columns);

    void updateResultMetadata(PreparedStatement statement, byte[] id, ColumnDefinitions columns);
  }

  private static volatile Access access;

  private PreparedInternals() {}

  /** Called by {@link PreparedStatement}'s static initializer; later calls are refused. */
  public static void install(Access r) {
    if (access != null) {
      throw new IllegalStateException("PreparedInternals is already installed");
    }
    access = r;
  }

  /**
   * The prepared statement made of {@code info} (see {@code ResponseMapper.toPreparedInfo}, where
   * the server's answer to PREPARE becomes one).
   */
  public static PreparedStatement create(PreparedInfo info) {
    return access().create(info);
  }

  /**
   * The server changed the statement's result columns (a re-prepare, or a v5 METADATA_CHANGED):
   * later executions use these.
   */
  public static void updateResultMetadata(
      PreparedStatement statement, byte[] id, ColumnDefinitions columns) {
    access.updateResultMetadata(statement, id, columns);
  }

  /** The statement's current result columns, or null when the server sent none. */
  public static ColumnDefinitions resultColumnsOrNull(PreparedStatement statement) {
    return access.resultColumnsOrNull(statement);
  }

  /** The installed access, running {@link PreparedStatement}'s initializer first if needed. */
  private static Access access() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(PreparedStatement.class.getName(), true, PreparedStatement.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }

  /** The statement's id, shared: do not modify it. */
  public static byte[] queryId(PreparedStatement statement) {
    // A statement exists, so its class is initialized and has installed its access.
    return access.queryId(statement);
  }

  /** The id of the statement's current result metadata (v5), shared, or null. */
  public static byte[] resultMetadataId(PreparedStatement statement) {
    return access.resultMetadataId(statement);
  }

  /**
   * The codecs of the statement's result columns when {@code columns} are still its current ones
   * and none of them involves a user type (whose codec follows the cluster's registrations), else
   * null. Shared: read it, never write it.
   */
  public static TypeCodec<?>[] resultCodecs(PreparedStatement statement, ColumnDefinitions columns) {
    return access.resultCodecs(statement, columns);
  }

  /**
   * The codecs of {@code columns}, or null if a column's type involves a user type (anywhere: in
   * a collection, a tuple, a vector) or has no codec.
   */
  public static TypeCodec<?>[] codecsOf(ColumnDefinitions columns) {
    if (columns == null) {
      return null;
    }
    TypeCodec<?>[] codecs = new TypeCodec<?>[columns.size()];
    for (int i = 0; i < codecs.length; i++) {
      DataType type = columns.get(i).type();
      if (involvesUserType(type)) {
        return null;
      }
      try {
        codecs[i] = Codecs.codecFor(type);
      } catch (IllegalArgumentException noCodec) {
        return null;
      }
    }
    return codecs;
  }

  private static boolean involvesUserType(DataType type) {
    return switch (type) {
      case UserType u -> true;
      case ListType l -> involvesUserType(l.element());
      case SetType s -> involvesUserType(s.element());
      case MapType m -> involvesUserType(m.key()) || involvesUserType(m.value());
      case TupleType t -> t.components().stream().anyMatch(PreparedInternals::involvesUserType);
      case VectorType v -> involvesUserType(v.element());
      default -> false;
    };
  }
}
