package org.nmt4j.nn.recurrent;

import static org.nmt4j.nn.ops.ArrayOps.addSigmoid;
import static org.nmt4j.nn.ops.ArrayOps.copy;
import static org.nmt4j.nn.ops.ArrayOps.mul;
import static org.nmt4j.nn.ops.ArrayOps.mulAdd;
import static org.nmt4j.nn.ops.ArrayOps.mulAddTanh;
import static org.nmt4j.nn.ops.ArrayOps.sigmoidBackward;
import static org.nmt4j.nn.ops.ArrayOps.sub;
import static org.nmt4j.nn.ops.ArrayOps.tanhBackward;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gated recurrent unit (Cho et al. 2014) in the formulation of cuDNN and PyTorch, gates r, z,
 * n, with the reset gate applied to the recurrent product (so the recurrent product of all three
 * gates is one matrix product):
 *
 * <pre>
 *   r = sigmoid(x_t Wx_r + b_r + h_{t-1} Wh_r + bh_r)
 *   z = sigmoid(x_t Wx_z + b_z + h_{t-1} Wh_z + bh_z)
 *   n = tanh(x_t Wx_n + b_n + r * (h_{t-1} Wh_n + bh_n))
 *   h_t = (1 - z) * n + z * h_{t-1}
 * </pre>
 *
 * z is the gate that keeps the previous state (it gets the forget-gate-bias initialisation). The
 * recurrent part {@code h_{t-1} Wh + bh} is kept for the backward pass.
 */
final class GruCell extends RecurrentCell {
  @Override
  int gates() {
    return 3;
  }

  @Override
  boolean hasCellState() {
    return false;
  }

  @Override
  boolean separateRecurrent() {
    return true;
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
    INDArray r = s.gates[0];
    INDArray z = s.gates[1];
    INDArray n = s.gates[2];
    addSigmoid(r, s.recurrent[0], r);
    addSigmoid(z, s.recurrent[1], z);
    mulAddTanh(r, s.recurrent[2], n, n);
    // h = n + z * (h_prev - n), in place when hNext is hPrev
    sub(s.hPrev, n, s.tmp);
    mulAdd(s.tmp, z, n, s.hNext);
  }

  @Override
  void backward(CellRows s) {
    INDArray r = s.gates[0];
    INDArray z = s.gates[1];
    INDArray n = s.gates[2];
    INDArray dR = s.dGates[0];
    INDArray dZ = s.dGates[1];
    INDArray dN = s.dGates[2];
    INDArray dh = s.dh;
    INDArray tmp = s.tmp;
    // dz = dh * (h_prev - n) * z(1-z)
    sub(s.hPrev, n, dZ);
    mul(dZ, dh, dZ);
    sigmoidBackward(z, dZ, dZ);
    // dn = dh * (1 - z) * (1 - n^2); the direct part of dh_prev is dh * z
    mul(dh, z, tmp);
    sub(dh, tmp, dN);
    copy(tmp, dh);
    tanhBackward(n, dN, dN);
    // d(h_prev Wh_n + bh_n) = dn * r
    mul(dN, r, s.dRecurrent[2]);
    // dr = dn * (h_prev Wh_n + bh_n) * r(1-r)
    mul(dN, s.recurrent[2], dR);
    sigmoidBackward(r, dR, dR);
  }

  @Override
  boolean passesHiddenGradient() {
    return true;
  }

  @Override
  boolean ownsRecurrentGradient(int k) {
    return k == 2;
  }
}
