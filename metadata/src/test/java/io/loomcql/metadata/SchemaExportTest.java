package io.loomcql.metadata;

import io.loomcql.metadata.internal.MetadataUpdater;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The export of real Cassandra 5.0.6 schema rows equals the server's own DESCRIBE KEYSPACE. */
class SchemaExportTest {

  private static String normalized(String cql) {
    return cql.strip().replaceAll("\\s+", " ");
  }

  @Test
  void should_export_every_feature_keyspace_exactly_as_describe_keyspace_prints_it() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(SchemaJson.capturedRows());

    assertThat(normalized(metadata.keyspace("meta_ks").exportAsString()))
        .isEqualTo(normalized(SchemaJson.resource("describe-meta_ks.cql")));
  }

  @Test
  void should_export_network_topology_keyspace_exactly_as_describe_keyspace_prints_it() {
    MetadataUpdater metadataUpdater = MetadataUpdater.create();
    Metadata metadata = metadataUpdater.metadata();
    metadataUpdater.rebuildSchema(SchemaJson.capturedRows());

    assertThat(normalized(metadata.keyspace("meta_nts").exportAsString()))
        .isEqualTo(normalized(SchemaJson.resource("describe-meta_nts.cql")));
  }
}
