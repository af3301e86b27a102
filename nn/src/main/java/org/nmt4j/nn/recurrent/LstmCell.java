package org.nmt4j.nn.recurrent;

import static org.nmt4j.nn.ops.ArrayOps.addi;
import static org.nmt4j.nn.ops.ArrayOps.mul;
import static org.nmt4j.nn.ops.ArrayOps.mulAdd;
import static org.nmt4j.nn.ops.ArrayOps.sigmoid;
import static org.nmt4j.nn.ops.ArrayOps.sigmoidBackward;
import static org.nmt4j.nn.ops.ArrayOps.tanh;
import static org.nmt4j.nn.ops.ArrayOps.tanhBackward;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LSTM cell (Hochreiter and Schmidhuber 1997, with forget gate), gates i, f, g, o:
 *
 * <pre>
 *   i, f, o = sigmoid(x_t Wx + h_{t-1} Wh + b)      g = tanh(x_t Wx + h_{t-1} Wh + b)
 *   c_t = f * c_{t-1} + i * g                       h_t = o * tanh(c_t)
 * </pre>
 *
 * Keeps tanh(c_t) for the backward pass.
 */
final class LstmCell extends RecurrentCell {
  @Override
  int gates() {
    return 4;
  }

  @Override
  boolean hasCellState() {
    return true;
  }

  @Override
  int savedBlocks() {
    return 1;
  }

  @Override
  int candidateGate() {
    return 2;
  }

  @Override
  int keepGate() {
    return 1;
  }

  @Override
  void forward(CellRows s) {
    INDArray i = s.gates[0];
    INDArray f = s.gates[1];
    INDArray g = s.gates[2];
    INDArray o = s.gates[3];
    if (s.firstTwoGates != null) {
      sigmoid(s.firstTwoGates);
    } else {
      sigmoid(i);
      sigmoid(f);
    }
    tanh(g, g);
    sigmoid(o);
    INDArray tc = s.saved[0];
    mul(f, s.cPrev, s.cNext);
    mulAdd(i, g, s.cNext, s.cNext);
    tanh(s.cNext, tc);
    mul(o, tc, s.hNext);
  }

  @Override
  void backward(CellRows s) {
    INDArray i = s.gates[0];
    INDArray f = s.gates[1];
    INDArray g = s.gates[2];
    INDArray o = s.gates[3];
    INDArray tc = s.saved[0];
    INDArray dI = s.dGates[0];
    INDArray dF = s.dGates[1];
    INDArray dG = s.dGates[2];
    INDArray dO = s.dGates[3];
    INDArray dh = s.dh;
    INDArray dc = s.dc;
    INDArray tmp = s.tmp;
    // do = dh * tanh(c) * o(1-o)
    mul(dh, tc, dO);
    sigmoidBackward(o, dO, dO);
    // dc += dh * o * (1 - tanh(c)^2)
    mul(dh, o, tmp);
    tanhBackward(tc, tmp, tmp);
    addi(dc, tmp);
    // di = dc * g * i(1-i)
    mul(dc, g, dI);
    sigmoidBackward(i, dI, dI);
    // dg = dc * i * (1-g^2)
    mul(dc, i, dG);
    tanhBackward(g, dG, dG);
    // df = dc * c_prev * f(1-f)
    mul(dc, s.cPrev, dF);
    sigmoidBackward(f, dF, dF);
    // dc_prev = dc * f
    mul(dc, f, dc);
  }
}
