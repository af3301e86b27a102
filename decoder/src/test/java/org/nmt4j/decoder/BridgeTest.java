package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;

class BridgeTest {
  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
  }

  /**
   * @param decoderCellState the decoder cell has a cell state (LSTM) to seed
   * @param encoderCellState the encoder cell hands cell states (LSTM); without, an LSTM
   *     decoder's c0 comes from the hidden states
   */
  @ParameterizedTest(name = "decoder c={0} encoder c={1}")
  @CsvSource({"true, true", "true, false", "false, true", "false, false"})
  void gradientsMatchFiniteDifferences(boolean decoderCellState, boolean encoderCellState) {
    Parameters.Builder b = Parameters.builder(DataType.DOUBLE);
    Bridge.declare(b, 4, 5, 2, decoderCellState);
    Parameters params = b.build();
    Bridge bridge = new Bridge(params, 3, 4, 2, 5, decoderCellState);
    InitConfig init = new InitConfig("uniform", 0.5, false, true);
    bridge.initialise(init, Initialisers.generator(2));
    // final states of a 3-layer bidirectional encoder (hidden 4) for 3 sentences
    INDArray[][] finalH = new INDArray[3][2];
    INDArray[][] finalC = encoderCellState ? new INDArray[3][2] : null;
    for (int j = 0; j < 3; j++) {
      for (int dir = 0; dir < 2; dir++) {
        finalH[j][dir] = rand(10 + 2 * j + dir, 3, 4);
        if (finalC != null) {
          finalC[j][dir] = rand(20 + 2 * j + dir, 3, 4).muli(3);
        }
      }
    }
    Bridge.Workspace ws = bridge.newWorkspace();
    INDArray[] rh = {rand(1, 3, 5), rand(2, 3, 5)};
    INDArray[] rc = decoderCellState ? new INDArray[] {rand(3, 3, 5), rand(4, 3, 5)} : null;
    DoubleSupplier loss = () -> {
      bridge.forward(ws, finalH, finalC);
      double s = 0;
      for (int l = 0; l < 2; l++) {
        s += ws.h0(l).mul(rh[l]).sumNumber().doubleValue();
        if (decoderCellState) {
          s += ws.c0(l).mul(rc[l]).sumNumber().doubleValue();
        } else {
          assertNull(ws.c0(l));
        }
      }
      return s;
    };
    loss.getAsDouble();
    INDArray[][][] d = bridge.backward(ws, rh, rc);
    assertTrue(d[0][0] == null, "encoder layer 0 feeds no decoder layer");
    if (!encoderCellState) {
      assertNull(d[1], "no cell-state gradients without encoder cell states");
    }
    for (String name : params.names()) {
      GradientCheck.Result r = GradientCheck.check(name, params.value(name),
          params.gradient(name).dup(), loss, 1e-3, 100, 1e-11);
      System.out.println("Bridge " + r);
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
    for (int j = 1; j < 3; j++) {
      for (int dir = 0; dir < 2; dir++) {
        GradientCheck.Result rH = GradientCheck.check("h_final[" + j + "][" + dir + "]",
            finalH[j][dir], d[0][j][dir].dup(), loss, 1e-3, 100, 1e-11);
        System.out.println("Bridge " + rH);
        assertTrue(rH.maxRelativeError() < 1e-6, rH.toString());
        if (finalC != null) {
          if (decoderCellState) {
            GradientCheck.Result rC = GradientCheck.check("c_final[" + j + "][" + dir + "]",
                finalC[j][dir], d[1][j][dir].dup(), loss, 1e-3, 100, 1e-11);
            System.out.println("Bridge " + rC);
            assertTrue(rC.maxRelativeError() < 1e-6, rC.toString());
          }
        }
      }
    }
  }
}
