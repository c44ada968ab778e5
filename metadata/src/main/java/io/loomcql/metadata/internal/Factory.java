package io.loomcql.metadata.internal;

import io.loomcql.metadata.Metadata;
import java.util.function.Supplier;

/**
 * Holds the factory {@link Metadata} installs when its class is initialized, so that {@link
 * MetadataUpdater#create()} can make metadata whose constructor users cannot reach.
 */
final class Factory {

  private static volatile Supplier<MetadataUpdater> factory;

  private Factory() {}

  static void install(Supplier<MetadataUpdater> f) {
    if (factory != null) {
      throw new IllegalStateException("MetadataUpdater's factory is already installed");
    }
    factory = f;
  }

  static Supplier<MetadataUpdater> get() {
    Supplier<MetadataUpdater> f = factory;
    if (f == null) {
      initialize(Metadata.class);
      f = factory;
    }
    return f;
  }

  /** Runs the class's static initializer (a no-op when it has run). */
  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
