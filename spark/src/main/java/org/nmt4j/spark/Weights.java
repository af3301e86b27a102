package org.nmt4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** The weights a step broadcasts: [parameters] floats, serialized as raw bytes. */
final class Weights implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient float[] values;

  /** @param values [parameters] the flat weights (kept, not copied) */
  Weights(float[] values) {
    this.values = values;
  }

  /** [parameters] the flat weights. */
  float[] values() {
    return values;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatVectors.write(out, values);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    values = FloatVectors.read(in);
  }
}
