package org.nmt4j.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.recurrent.CellType;

/**
 * The language model's backward pass against central differences (double precision), from a
 * non-zero carried state, and truncated BPTT's forward: two chunks with the state carried equal
 * one long chunk.
 */
class RnnLanguageModelTest {
  private static final int V = 7;

  private static RnnLanguageModel model(CellType cell, double dropout) {
    LmConfig config = new LmConfig(cell, 2, 5, 4, dropout);
    Parameters p = RnnLanguageModel.declare(config, V, DataType.DOUBLE);
    RnnLanguageModel m = new RnnLanguageModel(config, V, p);
    m.initialise(new InitConfig("uniform", 0.5, false, true), 3);
    p.value("lm.output.b").assign(Initialisers.generator(9).nextGaussian(new long[] {V}).muli(0.3));
    return m;
  }

  private static int[] ids(int n, long seed) {
    Random r = new Random(seed);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = 4 + r.nextInt(V - 4);
    }
    return a;
  }

  private static RecurrentState randomState(RnnLanguageModel m, int rows, long seed) {
    RecurrentState s = m.zeroState(rows);
    org.nd4j.linalg.api.rng.Random rng = Initialisers.generator(seed);
    for (int l = 0; l < m.config().layers(); l++) {
      s.h(l).assign(rng.nextGaussian(s.h(l).shape()).muli(0.5));
      if (s.c(l) != null) {
        s.c(l).assign(rng.nextGaussian(s.c(l).shape()).muli(0.5));
      }
    }
    return s;
  }

  private static RecurrentState copy(RnnLanguageModel m, RecurrentState s) {
    RecurrentState c = m.zeroState(s.rows());
    c.restore(s.flat());
    return c;
  }

  @ParameterizedTest
  @CsvSource({"lstm, 0", "gru, 0", "rnn, 0", "lstm, 0.3"})
  void gradientsMatchCentralDifferencesFromACarriedState(String cellName, double dropout) {
    RnnLanguageModel m = model(CellType.of("cell", cellName), dropout);
    int time = 4;
    int batch = 3;
    int[] in = ids(time * batch, 1);
    int[] out = ids(time * batch, 2);
    RecurrentState start = randomState(m, batch, 5);
    ChunkBuffers b = m.newChunkBuffers();
    long dropSeed = 77;
    b.run(in, out, time, batch, null, copy(m, start), true, Initialisers.generator(dropSeed));
    Parameters p = m.parameters();
    INDArray analytic = p.flatGradients().dup();
    GradientCheck.Result r = GradientCheck.check(cellName + " lm", p.flatValues(), analytic,
        () -> b.run(in, out, time, batch, null, copy(m, start), false,
            dropout > 0 ? Initialisers.generator(dropSeed) : null) / (time * batch),
        1e-5, 400, 1e-10);
    System.out.println(r);
    assertTrue(r.maxRelativeError() < 1e-4 && r.maxAbsoluteError() < 1e-8, r.toString());
  }

  @ParameterizedTest
  @CsvSource({"lstm", "gru", "rnn"})
  void carryingTheStateAcrossChunksEqualsOneLongChunk(String cellName) {
    RnnLanguageModel m = model(CellType.of("cell", cellName), 0);
    int batch = 2;
    int[] in = ids(6 * batch, 3);
    int[] out = ids(6 * batch, 4);
    RecurrentState whole = m.zeroState(batch);
    double one = m.newChunkBuffers().run(in, out, 6, batch, null, whole, false, null);
    RecurrentState carried = m.zeroState(batch);
    ChunkBuffers b = m.newChunkBuffers();
    double first = b.run(java.util.Arrays.copyOfRange(in, 0, 4 * batch),
        java.util.Arrays.copyOfRange(out, 0, 4 * batch), 4, batch, null, carried, true, null);
    double second = b.run(java.util.Arrays.copyOfRange(in, 4 * batch, 6 * batch),
        java.util.Arrays.copyOfRange(out, 4 * batch, 6 * batch), 2, batch, null, carried, true, null);
    assertEquals(one, first + second, 1e-10);
    assertEquals(0, whole.flat().sub(carried.flat()).norm2Number().doubleValue(), 1e-12);
  }
}
