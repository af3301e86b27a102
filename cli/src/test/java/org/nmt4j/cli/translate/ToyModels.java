package org.nmt4j.cli.translate;

import java.nio.file.Path;

/** Public access to the shared trained toy model, for tests in other packages. */
public final class ToyModels {
  private ToyModels() {}

  /** @return the model file trained once per test JVM */
  public static Path trainedModel() {
    return ToyModel.get().model;
  }
}
