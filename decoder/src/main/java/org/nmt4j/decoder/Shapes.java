package org.nmt4j.decoder;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.Parameters;

/** Parameter lookups that fail with the name and both shapes when a tensor does not fit. */
final class Shapes {
  private Shapes() {}

  static INDArray checked(Parameters params, String name, long... shape) {
    if (!params.contains(name)) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    INDArray v = params.value(name);
    if (!Arrays.equals(v.shape(), shape)) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape "
          + Arrays.toString(v.shape()) + ", expected " + Arrays.toString(shape));
    }
    return v;
  }
}
