package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * {@link OutputLayer#bias} writes b into exactly the first n rows, whichever way it fills them
 * (row copies, doubling copies, the rank-1 product), for adjacent rows and for rows with gaps.
 */
class OutputBiasTest {
  static final int V = 37;

  @ParameterizedTest(name = "rows={0}")
  @ValueSource(ints = {1, 8, 9, 16, 17, 64, 100})
  void everyFilledRowHoldsTheBiasAndNoOtherRowIsTouched(int n) {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (int ld : new int[] {V, V + 5}) {
        INDArray b = Nd4j.rand(type, V);
        OutputLayer layer = new OutputLayer(Nd4j.create(type, V, 4), b, Nd4j.create(type, V, 4),
            Nd4j.create(type, V));
        int capacity = n + 3;
        INDArray buffer = Nd4j.create(type, 2L + (long) capacity * ld).assign(-7);
        MatrixRef logits = new MatrixRef(buffer, 2, n, V, ld);
        layer.bias(n, Nd4j.ones(type, n), logits);
        for (long i = 0; i < buffer.length(); i++) {
          long rel = i - 2;
          long row = rel / ld;
          long col = rel % ld;
          double want = rel >= 0 && row < n && col < V ? b.getDouble(col) : -7;
          assertEquals(want, buffer.getDouble(i), 0, type + " ld " + ld + " element " + i);
        }
      }
    }
  }
}
