package org.nmt4j.nn.recurrent;

import static org.nmt4j.nn.ops.ArrayOps.copy;
import static org.nmt4j.nn.ops.ArrayOps.tanh;
import static org.nmt4j.nn.ops.ArrayOps.tanhBackward;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The vanilla (Elman) recurrent cell: {@code h_t = tanh(x_t Wx + h_{t-1} Wh + b)}, one gate
 * block. Its gradient through time is a product of {@code Wh^T diag(1 - h^2)} factors, which
 * vanishes or explodes over long spans; with {@code init.identity-recurrent} Wh starts at the
 * identity (IRNN, Le et al. 2015).
 */
final class RnnCell extends RecurrentCell {
  @Override
  int gates() {
    return 1;
  }

  @Override
  boolean hasCellState() {
    return false;
  }

  @Override
  int candidateGate() {
    return 0;
  }

  @Override
  void forward(CellRows s) {
    INDArray a = s.gates[0];
    tanh(a, a);
    copy(a, s.hNext);
  }

  @Override
  void backward(CellRows s) {
    INDArray dA = s.dGates[0];
    tanhBackward(s.gates[0], s.dh, dA);
  }
}
