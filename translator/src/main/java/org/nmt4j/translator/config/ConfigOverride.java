package org.nmt4j.translator.config;

import java.util.Objects;

/**
 * One field of an {@link ExperimentConfig} replaced from outside the YAML file, such as a
 * command-line flag.
 *
 * @param path dotted key path as in the YAML file, e.g. {@code training.learning-rate}
 * @param value the new value (a number, boolean, string or null)
 * @param origin where the value came from, for messages, e.g. {@code --lr}
 */
public record ConfigOverride(String path, Object value, String origin) {
  /** Checks that the path and origin are given. */
  public ConfigOverride {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
  }

  /** An override whose origin is its own path. */
  public static ConfigOverride of(String path, Object value) {
    return new ConfigOverride(path, value, path);
  }
}
