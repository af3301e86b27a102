package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link NativeMemory#gatherRows} against a plain loop over the arrays' elements. */
class NativeMemoryGatherTest {
  @Test
  void gatheredRowsEqualAPlainLoopForEveryLayout() {
    Random random = new Random(21);
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (int trial = 0; trial < 20; trial++) {
        int width = 1 + random.nextInt(40);
        int srcStride = width + random.nextInt(3) * 17;
        int dstStride = width + random.nextInt(3) * 5;
        int srcRows = 1 + random.nextInt(30);
        int count = 1 + random.nextInt(25);
        long srcBase = random.nextInt(9);
        long dstBase = random.nextInt(9);
        int[] rows = new int[count + 2]; // longer than count: the extra ids are not read
        for (int i = 0; i < rows.length; i++) {
          rows[i] = trial % 4 == 0 ? i % srcRows : random.nextInt(srcRows); // identity or any
        }
        // a view of a larger array, so that the array's own offset counts too
        INDArray srcWhole = Nd4j.rand(type, 1, srcBase + (long) srcRows * srcStride + 11);
        INDArray src = srcWhole.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(3, srcWhole.length()));
        INDArray dst = Nd4j.rand(type, 1, dstBase + (long) count * dstStride + 7);
        double[] s = src.dup().data().asDouble();
        double[] want = dst.dup().data().asDouble();
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < width; j++) {
            want[(int) (dstBase + (long) i * dstStride + j)] =
                s[(int) (srcBase + (long) rows[i] * srcStride + j)];
          }
        }
        NativeMemory.gatherRows(src, srcBase, srcStride, rows, count, dst, dstBase, dstStride,
            width);
        double[] got = dst.data().asDouble();
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], 0.0, type + " trial " + trial + " element " + i);
        }
      }
    }
    INDArray f = Nd4j.zeros(DataType.FLOAT, 4);
    NativeMemory.gatherRows(f, 0, 1, new int[0], 0, f, 0, 1, 1); // nothing to do
    assertThrows(IllegalArgumentException.class, () -> NativeMemory.gatherRows(f, 0, 1,
        new int[] {0}, 1, Nd4j.zeros(DataType.DOUBLE, 4), 0, 1, 1));
  }
}
