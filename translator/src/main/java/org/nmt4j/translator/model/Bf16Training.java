package org.nmt4j.translator.model;

import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.MixedPrecision;

/**
 * bf16 mixed-precision training: while {@link MixedPrecision#bf16} is on, a model's large
 * products take bf16 operands with float sums, forward and backward, on the CPU's AMX or AVX-512
 * BF16 instructions. Its weights, gradients, Adam moments, cells, softmax and loss stay float (the
 * weights are the float master copy; their bf16 forms are converted again after every update
 * announced through {@link Parameters#valuesChanged()}, as the optimizer's steps are).
 *
 * <p>What runs in bf16: every product that reads one of the tensors {@link
 * Int8Quantization#tensors} names (recurrent {@code Wx}, {@code Wh}, the output projection), in
 * any direction, and large products of two activations (the weight gradients, see {@link
 * org.nmt4j.nn.quant.Bf16Products}).
 */
public final class Bf16Training {
  private Bf16Training() {}

  /**
   * Registers the model's large weights as trained bf16 weights unless already registered
   * (called by {@link Seq2SeqModel#forwardBackward} while mixed precision is on).
   */
  static void register(Seq2SeqModel model) {
    Parameters p = model.parameters();
    for (String name : Int8Quantization.tensors(model.config()).keySet()) {
      if (Bf16Weights.of(p.value(name)) == null) {
        Bf16Weights.registerTrained(p.value(name));
      }
    }
  }
}
