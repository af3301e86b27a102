package org.nmt4j.translator.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the model being trained (its current weights) as a model file; the {@link Trainer} calls
 * it for each new best validation result, or for the latest weights when there is no validation
 * data. It must write atomically.
 */
@FunctionalInterface
public interface ModelWriter {
  /**
   * @param file where to write
   * @param step the step of the current weights
   */
  void write(Path file, long step) throws IOException;
}
