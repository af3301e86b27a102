package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.ops.dnnl.DnnlRuntime;

/**
 * Every elementwise operation of {@link ArrayOps} on FLOAT arrays (oneDNN's primitives) and on
 * DOUBLE arrays (ND4J) against naive double loops over the same inputs, at odd and even sizes
 * down to one element, on views at offsets, in place, from several threads at once, and
 * oneDNN's float results against ND4J's float path.
 */
class FloatArrayOpsTest {
  static final int[] SIZES = {1, 3, 16, 17, 63, 512, 1001, 64 * 512 + 7};

  @BeforeAll
  static void oneDnnLoads() {
    assumeTrue(DnnlRuntime.available(),
        "oneDNN's native library could not be loaded here: " + DnnlRuntime.unavailableReason());
    assertEquals("oneDNN", ArrayOps.floatBackend());
  }

  /** An operation under test: what ArrayOps computes, and the textbook formula per element. */
  interface Case {
    /** Runs the op on arrays a, b, c (inputs, c also the prior output) writing out. */
    void run(INDArray a, INDArray b, INDArray c, INDArray out);

    /** The expected output element from the input elements (c: out's prior value). */
    double expected(double a, double b, double c);
  }

  static final String[] NAMES = {"sigmoid", "tanh", "mul", "add", "sub", "addi",
      "timesOneMinus", "oneMinusSquare", "sigmoidBackward", "tanhBackward", "mulAdd",
      "addSigmoid", "mulAddTanh", "copy", "exp"};

  static Case op(String name) {
    switch (name) {
      case "sigmoid":
        return of((a, b, c, out) -> {
          ArrayOps.copy(a, out);
          ArrayOps.sigmoid(out);
        }, (a, b, c) -> 1 / (1 + Math.exp(-a)));
      case "tanh":
        return of((a, b, c, out) -> ArrayOps.tanh(a, out), (a, b, c) -> Math.tanh(a));
      case "mul":
        return of((a, b, c, out) -> ArrayOps.mul(a, b, out), (a, b, c) -> a * b);
      case "add":
        return of((a, b, c, out) -> ArrayOps.add(a, b, out), (a, b, c) -> a + b);
      case "sub":
        return of((a, b, c, out) -> ArrayOps.sub(a, b, out), (a, b, c) -> a - b);
      case "addi":
        return of((a, b, c, out) -> ArrayOps.addi(out, a), (a, b, c) -> c + a);
      case "timesOneMinus":
        return of((a, b, c, out) -> ArrayOps.timesOneMinus(a, out), (a, b, c) -> a * (1 - a));
      case "oneMinusSquare":
        return of((a, b, c, out) -> ArrayOps.oneMinusSquare(a, out), (a, b, c) -> 1 - a * a);
      case "sigmoidBackward":
        return of((a, b, c, out) -> ArrayOps.sigmoidBackward(a, b, out),
            (a, b, c) -> b * a * (1 - a));
      case "tanhBackward":
        return of((a, b, c, out) -> ArrayOps.tanhBackward(a, b, out), (a, b, c) -> b * (1 - a * a));
      case "mulAdd":
        return of((a, b, c, out) -> ArrayOps.mulAdd(a, b, c, out), (a, b, c) -> a * b + c);
      case "addSigmoid":
        return of((a, b, c, out) -> ArrayOps.addSigmoid(a, b, out),
            (a, b, c) -> 1 / (1 + Math.exp(-(a + b))));
      case "mulAddTanh":
        return of((a, b, c, out) -> ArrayOps.mulAddTanh(a, b, c, out),
            (a, b, c) -> Math.tanh(a * b + c));
      case "copy":
        return of((a, b, c, out) -> ArrayOps.copy(a, out), (a, b, c) -> a);
      case "exp":
        return of((a, b, c, out) -> {
          ArrayOps.copy(a, out);
          ArrayOps.exp(out);
        }, (a, b, c) -> Math.exp(a));
      default:
        throw new IllegalArgumentException(name);
    }
  }

  interface Run {
    void run(INDArray a, INDArray b, INDArray c, INDArray out);
  }

  interface Formula {
    double apply(double a, double b, double c);
  }

  static Case of(Run run, Formula formula) {
    return new Case() {
      @Override
      public void run(INDArray a, INDArray b, INDArray c, INDArray out) {
        run.run(a, b, c, out);
      }

      @Override
      public double expected(double a, double b, double c) {
        return formula.apply(a, b, c);
      }
    };
  }

  /** n random values in [-3, 3) as floats (rounded, so that both sides see the same inputs). */
  static double[] values(long seed, int n) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 6 - 3);
    }
    return v;
  }

  /**
   * A [rows, cols] (or [n] when rows is 0) view at element {@code offset} of a larger buffer,
   * holding {@code v}.
   */
  static INDArray viewAt(DataType type, int offset, double[] v, int rows) {
    INDArray buffer = Nd4j.create(type, v.length + offset + 5);
    INDArray view = buffer.get(NDArrayIndex.interval(offset, offset + v.length));
    if (rows > 0) {
      view = view.reshape(rows, v.length / rows);
    }
    NativeMemory.write(view, 0, v, 0, v.length);
    return view;
  }

  static double[] read(INDArray x) {
    double[] out = new double[(int) x.length()];
    NativeMemory.read(x, 0, out, 0, out.length);
    return out;
  }

  static double tolerance(DataType type) {
    return type == DataType.FLOAT ? 2e-6 : 1e-14;
  }

  static void check(String what, double[] want, double[] got, double tol) {
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      double allowed = tol * Math.max(1, Math.abs(want[i]));
      if (Math.abs(want[i] - got[i]) > allowed) {
        throw new AssertionError(what + ": element " + i + " of " + want.length + ": expected "
            + want[i] + ", got " + got[i]);
      }
    }
  }

  /** How out relates to the inputs in a run: its own array, or one of the inputs (in place). */
  enum Aliasing { NONE, OUT_IS_A, OUT_IS_B, OUT_IS_C }

  static void runCase(String name, DataType type, int n, int offset, Aliasing aliasing,
      long seed) {
    Case op = op(name);
    boolean positive = name.equals("sigmoidBackward") || name.equals("timesOneMinus");
    double[] a = values(seed, n);
    if (positive) {
      for (int i = 0; i < n; i++) {
        a[i] = (float) (1 / (1 + Math.exp(-a[i])));
      }
    }
    double[] b = values(seed + 1, n);
    double[] c = values(seed + 2, n);
    double[] o = values(seed + 3, n);
    int rows = n % 7 == 0 ? 7 : n % 2 == 0 ? 2 : 0;
    INDArray va = viewAt(type, offset, a, rows);
    INDArray vb = viewAt(type, offset + 1, b, rows);
    INDArray vc = viewAt(type, offset + 2, c, rows);
    INDArray out;
    double[] prior;
    switch (aliasing) {
      case OUT_IS_A:
        out = va;
        prior = a;
        break;
      case OUT_IS_B:
        out = vb;
        prior = b;
        break;
      case OUT_IS_C:
        out = vc;
        prior = c;
        break;
      default:
        out = viewAt(type, offset + 3, o, rows);
        prior = o;
    }
    if (type == DataType.FLOAT) {
      assertTrue(ArrayOps.runsOnDnnl(va, out) && ArrayOps.runsOnDnnl(vb, vc),
          "FLOAT views of " + n + " elements should run on oneDNN");
    }
    double[] want = new double[n];
    for (int i = 0; i < n; i++) {
      // "addi" reads the prior output; every other op with c reads c (which is out when aliased)
      double third = name.equals("addi") ? prior[i] : c[i];
      want[i] = op.expected(a[i], b[i], third);
    }
    op.run(va, vb, vc, out);
    check(name + " " + type + " n=" + n + " offset=" + offset + " " + aliasing, want, read(out),
        tolerance(type));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void everyOpMatchesNaiveLoopsAtEverySize(String typeName) {
    DataType type = DataType.valueOf(typeName);
    long seed = 11;
    for (String name : NAMES) {
      for (int n : SIZES) {
        runCase(name, type, n, 0, Aliasing.NONE, seed++);
        runCase(name, type, n, 3, Aliasing.NONE, seed++);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void everyOpWorksInPlace(String typeName) {
    DataType type = DataType.valueOf(typeName);
    long seed = 1000;
    for (String name : NAMES) {
      for (int n : new int[] {1, 17, 4099}) {
        runCase(name, type, n, 1, Aliasing.OUT_IS_A, seed++);
        if (!name.equals("copy") && !name.equals("addi") && !name.equals("exp")) {
          runCase(name, type, n, 1, Aliasing.OUT_IS_B, seed++);
        }
        if (name.equals("mulAdd") || name.equals("mulAddTanh")) {
          runCase(name, type, n, 1, Aliasing.OUT_IS_C, seed++);
        }
      }
    }
  }

  @Test
  void oneInputAsEveryOperand() {
    for (int n : new int[] {1, 33, 2048}) {
      double[] v = values(5, n);
      INDArray x = viewAt(DataType.FLOAT, 2, v, 0);
      ArrayOps.mulAdd(x, x, x, x);
      double[] want = new double[n];
      for (int i = 0; i < n; i++) {
        want[i] = v[i] * v[i] + v[i];
      }
      check("x = x * x + x", want, read(x), 2e-6);
      x = viewAt(DataType.FLOAT, 2, v, 0);
      ArrayOps.sub(x, x, x);
      check("x = x - x", new double[n], read(x), 0);
    }
  }

  /** Without oneDNN's natives (or with -Dnmt4j.elementwise=nd4j) float goes to ND4J. */
  @Test
  void fallsBackToNd4jWithoutOneDnn() {
    assertTrue(ArrayOps.choosesDnnl("dnnl", true));
    assertTrue(ArrayOps.choosesDnnl(" oneDNN ", true));
    assertTrue(!ArrayOps.choosesDnnl("dnnl", false));
    assertTrue(!ArrayOps.choosesDnnl("nd4j", true));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> ArrayOps.choosesDnnl("mkl", true));
    assertEquals("-Dnmt4j.elementwise must be dnnl or nd4j, got 'mkl'", e.getMessage());
  }

  /** The cheap address ArrayOps computes is NativeMemory's, for every kind of view the layers use. */
  @Test
  void addressesOfViewsMatchNativeMemory() {
    INDArray buffer = Nd4j.create(DataType.FLOAT, 1000);
    INDArray view = buffer.get(NDArrayIndex.interval(13, 613));
    BlockSeries blocks = new BlockSeries(view, 5, 3, 4, 7);
    MatrixRef ref = new MatrixRef(view, 9, 6, 5, 7);
    INDArray[] arrays = {buffer, view, view.reshape(20, 30),
        Nd4j.create(DataType.FLOAT, 10, 7).get(NDArrayIndex.interval(3, 6), NDArrayIndex.all()),
        Nd4j.create(DataType.FLOAT, 10, 7).get(NDArrayIndex.interval(4, 5), NDArrayIndex.all()),
        blocks.head(1, 2), blocks.head(2, 3), blocks.tail(2, 1), ref.view(),
        view.get(NDArrayIndex.interval(100, 200)).reshape(10, 10)};
    for (INDArray x : arrays) {
      assertEquals(NativeMemory.address(x, 0), ArrayOps.address(x), "offset " + x.offset());
    }
    view.assign(1);
    INDArray block = blocks.head(1, 3);
    assertTrue(ArrayOps.runsOnDnnl(block, block));
    ArrayOps.zero(block);
    check("zero", new double[3 * 7], read(block), 0);
    assertEquals(1.0, NativeMemory.get(view, blocks.offset(1) - 1), 0.0);
    assertEquals(1.0, NativeMemory.get(view, blocks.offset(1) + 3 * 7), 0.0);
  }

  /** oneDNN's float results and ND4J's float path (the fallback) agree within float rounding. */
  @Test
  void oneDnnAndNd4jFloatPathsAgree() {
    int n = 3 * 512 + 1;
    double[] a = values(71, n);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (1 / (1 + Math.exp(-a[i])));
    }
    double[] b = values(72, n);
    double[] c = values(73, n);
    INDArray va = viewAt(DataType.FLOAT, 1, a, 0);
    INDArray vy = viewAt(DataType.FLOAT, 1, y, 0);
    INDArray vb = viewAt(DataType.FLOAT, 1, b, 0);
    INDArray vc = viewAt(DataType.FLOAT, 1, c, 0);
    INDArray dnnl = Nd4j.create(DataType.FLOAT, n);
    INDArray nd4j = Nd4j.create(DataType.FLOAT, n);
    ArrayOps.tanh(va, dnnl);
    Nd4jElementwise.tanh(va, nd4j);
    check("tanh", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.copy(va, dnnl);
    ArrayOps.sigmoid(dnnl);
    Nd4jElementwise.copy(va, nd4j);
    Nd4jElementwise.sigmoid(nd4j);
    check("sigmoid", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.sigmoidBackward(vy, vb, dnnl);
    Nd4jElementwise.sigmoidBackward(vy, vb, nd4j);
    check("sigmoidBackward", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.tanhBackward(vy, vb, dnnl);
    Nd4jElementwise.tanhBackward(vy, vb, nd4j);
    check("tanhBackward", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.mulAdd(va, vb, vc, dnnl);
    Nd4jElementwise.mulAdd(va, vb, vc, nd4j);
    check("mulAdd", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.addSigmoid(va, vb, dnnl);
    Nd4jElementwise.addSigmoid(va, vb, nd4j);
    check("addSigmoid", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.mulAddTanh(va, vb, vc, dnnl);
    Nd4jElementwise.mulAddTanh(va, vb, vc, nd4j);
    check("mulAddTanh", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.timesOneMinus(vy, dnnl);
    Nd4jElementwise.timesOneMinus(vy, nd4j);
    check("timesOneMinus", read(nd4j), read(dnnl), 2e-6);
    ArrayOps.oneMinusSquare(va, dnnl);
    Nd4jElementwise.oneMinusSquare(va, nd4j);
    check("oneMinusSquare", read(nd4j), read(dnnl), 2e-6);
  }

  /** Arrays that are not dense row-major (column-major, strided views) still get it right. */
  @Test
  void nonDenseFloatArraysTakeTheNd4jPath() {
    INDArray a = Nd4j.create(DataType.FLOAT, new long[] {5, 3}, 'f');
    INDArray b = Nd4j.create(DataType.FLOAT, new long[] {5, 3}, 'c');
    double[] va = values(81, 15);
    double[] vb = values(82, 15);
    for (int i = 0; i < 15; i++) {
      a.putScalar(i / 3, i % 3, va[i]);
      b.putScalar(i / 3, i % 3, vb[i]);
    }
    INDArray z = Nd4j.create(DataType.FLOAT, 5, 3);
    ArrayOps.mulAdd(a, b, b, z);
    ArrayOps.tanh(z, z);
    assertTrue(!ArrayOps.runsOnDnnl(a, z), "a column-major array is not dense row-major");
    INDArray column = Nd4j.create(DataType.FLOAT, 5, 3).getColumn(1);
    assertTrue(!ArrayOps.runsOnDnnl(column, column), "a column view is strided");
    ArrayOps.tanh(a.getColumn(1), column);
    for (int i = 0; i < 15; i++) {
      double want = Math.tanh(va[i] * vb[i] + vb[i]);
      assertEquals(want, z.getDouble(i / 3, i % 3), 2e-6, "element " + i);
    }
    for (int r = 0; r < 5; r++) {
      assertEquals(Math.tanh(va[r * 3 + 1]), column.getDouble(r), 2e-6);
    }
  }

  /**
   * Several threads calling at once (each with its own arrays, sizes shared between threads so
   * that they share primitives) get exactly the single-threaded results.
   */
  @Test
  void threadsCallingAtOnceGetTheSameResults() throws Exception {
    int threads = 4;
    int[] sizes = {1, 511, 512, 64 * 512, 17 * 512};
    List<double[][]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      double[][] in = {values(200 + s, sizes[s]), values(300 + s, sizes[s]),
          values(400 + s, sizes[s])};
      inputs.add(in);
      expected.add(cellLikeChain(in));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int start = t;
        results.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < 40; i++) {
            int s = (start + i) % sizes.length;
            assertArrayEquals(expected.get(s), cellLikeChain(inputs.get(s)),
                "size " + sizes[s] + " on thread " + start);
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> f : results) {
        assertEquals(40, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A chain of the operations as a cell step uses them, on fresh arrays; returns the output. */
  static float[] cellLikeChain(double[][] in) {
    int n = in[0].length;
    INDArray a = viewAt(DataType.FLOAT, 0, in[0], 0);
    INDArray b = viewAt(DataType.FLOAT, 0, in[1], 0);
    INDArray c = viewAt(DataType.FLOAT, 0, in[2], 0);
    INDArray t = Nd4j.create(DataType.FLOAT, n);
    ArrayOps.addSigmoid(a, b, t);
    ArrayOps.mulAddTanh(t, c, a, a);
    ArrayOps.mulAdd(a, t, c, c);
    ArrayOps.tanh(c, b);
    ArrayOps.sigmoidBackward(t, b, b);
    ArrayOps.tanhBackward(a, b, c);
    ArrayOps.sub(c, t, c);
    float[] out = new float[n];
    NativeMemory.read(c, 0, out, 0, n);
    assertTrue(n > 0);
    return out;
  }

  @Test
  void logSoftmaxOfEveryRowMatchesTheDefinition() {
    Random random = new Random(21);
    // 130 rows: calls of 64, 64 and 2 rows (LogSoftmax.CHUNK_ROWS); 70 x 8000: a call of 2 MB,
    // which keeps the caller's whole OpenMP team (OpenMpTeam.WIDE_BYTES), then one of 6 rows
    for (int[] shape : new int[][] {{1, 1}, {1, 7}, {3, 17}, {37, 1000}, {5, 8000}, {130, 257},
        {70, 8000}}) {
      int rows = shape[0];
      int cols = shape[1];
      double[] v = new double[rows * cols];
      for (int i = 0; i < v.length; i++) {
        // row 1 far from zero: exp would overflow without the shift by the row's maximum
        v[i] = (float) (random.nextGaussian() * 4 + (i / cols == 1 ? 300 : 0));
      }
      INDArray x = viewAt(DataType.FLOAT, 3, v, rows).reshape('c', rows, cols);
      assertTrue(ArrayOps.logSoftmaxRows(x), "a dense float matrix runs on oneDNN");
      double[] want = new double[v.length];
      for (int r = 0; r < rows; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
          max = Math.max(max, v[r * cols + j]);
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
          sum += Math.exp(v[r * cols + j] - max);
        }
        for (int j = 0; j < cols; j++) {
          want[r * cols + j] = v[r * cols + j] - max - Math.log(sum);
        }
      }
      // oneDNN's vectorised exp and log: within a few float ulps of the sum's log
      check("logsoftmax " + rows + " x " + cols, want, read(x), 1e-5);
      ArrayOps.exp(x);
      for (int i = 0; i < want.length; i++) {
        want[i] = Math.exp(want[i]);
      }
      check("softmax " + rows + " x " + cols, want, read(x), 1e-5);
    }
    INDArray doubles = Nd4j.create(DataType.DOUBLE, 2, 3);
    assertTrue(!ArrayOps.logSoftmaxRows(doubles), "double precision stays with the caller");
    INDArray strided = Nd4j.create(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(),
        NDArrayIndex.interval(0, 3));
    assertTrue(!ArrayOps.logSoftmaxRows(strided), "rows with gaps stay with the caller");
  }

  @Test
  void transposeMovesEveryElementAndLeavesTheNeighboursAlone() {
    Random random = new Random(22);
    for (int[] shape : new int[][] {{1, 1}, {1, 9}, {9, 1}, {3, 17}, {64, 64}, {512, 2048},
        {33, 7}}) {
      int rows = shape[0];
      int cols = shape[1];
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) random.nextGaussian();
        }
        INDArray x = viewAt(type, 3, v, rows);
        // the transpose in the middle of a larger buffer: nothing around it may be written
        INDArray buffer = Nd4j.valueArrayOf(new long[] {v.length + 10}, -7.0, type);
        INDArray t = buffer.get(NDArrayIndex.interval(5, 5 + v.length)).reshape(cols, rows);
        ArrayOps.transpose(x, t);
        double[] want = new double[v.length + 10];
        Arrays.fill(want, -7);
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            want[5 + c * rows + r] = v[r * cols + c];
          }
        }
        assertArrayEquals(want, read(buffer), 0, type + " " + rows + " x " + cols);
      }
    }
    IllegalArgumentException wrongShape = assertThrows(
        IllegalArgumentException.class, () -> ArrayOps.transpose(
            Nd4j.create(DataType.FLOAT, 2, 3), Nd4j.create(DataType.FLOAT, 2, 3)));
    assertTrue(wrongShape.getMessage().contains("[2, 3] into [2, 3]"), wrongShape.getMessage());
  }
}
