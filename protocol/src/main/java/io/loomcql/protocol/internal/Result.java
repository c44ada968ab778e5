package io.loomcql.protocol.internal;

/** RESULT: the answer to QUERY, PREPARE, EXECUTE and BATCH (section 4.2.5), by kind. */
public sealed interface Result extends Response
    permits VoidResult, Rows, SetKeyspace, SchemaChange, Prepared {

  /** Result kind: no result (writes). */
  int VOID = 0x0001;
  /** Result kind: rows. */
  int ROWS = 0x0002;
  /** Result kind: a USE statement's keyspace. */
  int SET_KEYSPACE = 0x0003;
  /** Result kind: a prepared statement. */
  int PREPARED = 0x0004;
  /** Result kind: a schema change (DDL). */
  int SCHEMA_CHANGE = 0x0005;
}
