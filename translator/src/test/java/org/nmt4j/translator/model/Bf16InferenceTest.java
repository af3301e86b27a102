package org.nmt4j.translator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.quant.Bf16Rounding;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.DnnlBf16;

/**
 * A model prepared for bf16 products against its float original on a small generated model: the
 * teacher-forced logits stay close, the prepared tensors are exactly those named and hold bf16
 * values, and training and int8 on top are refused.
 */
class Bf16InferenceTest {
  /** A model of {@link Int8QuantizationTest}'s small configuration and vocabularies. */
  private static Seq2SeqModel model(ModelConfig config, DataType type) {
    return Seq2SeqModel.initialise(config, Int8QuantizationTest.SV, Int8QuantizationTest.TV,
        type, 5);
  }

  @BeforeEach
  void needsBf16Hardware() {
    assumeTrue(DnnlBf16.available(), "this CPU has no bf16 instructions (AMX or AVX-512 BF16)");
  }

  @ParameterizedTest(name = "tie={0} context={1} cell={2}")
  @CsvSource({"false, false, lstm", "true, true, lstm", "false, true, gru"})
  void logitsStayCloseToTheFloatModel(boolean tie, boolean context, String cell) {
    ModelConfig config = Int8QuantizationTest.config(tie, context, cell);
    Seq2SeqModel floatModel = model(config, DataType.FLOAT);
    Seq2SeqModel bf16Model = model(config, DataType.FLOAT);
    Bf16Inference.prepare(bf16Model);
    assertTrue(Bf16Inference.isPrepared(bf16Model.parameters()));
    assertFalse(Bf16Inference.isPrepared(floatModel.parameters()));
    for (String name : bf16Model.parameters().names()) {
      boolean prepared = Int8Quantization.inferenceTensors(config).containsKey(name);
      INDArray w = bf16Model.parameters().value(name);
      assertEquals(prepared, Bf16Weights.of(w) != null, name);
      if (prepared) {
        float[] values = w.dup().data().asFloat();
        for (float v : values) {
          assertEquals(Bf16Rounding.round(v), v, name + " holds a value that is not bf16");
        }
      }
    }

    var batch = Int8QuantizationTest.BATCH;
    INDArray exact = floatModel.teacherForcedLogits(batch);
    INDArray bf16 = bf16Model.teacherForcedLogits(batch);
    double relative = bf16.sub(exact).norm2Number().doubleValue()
        / exact.norm2Number().doubleValue();
    assertTrue(relative < 0.02, "bf16 logits off by " + relative + " (relative L2)");

    // the float model over the rounded weights: what remains is the activations' rounding
    Seq2SeqModel rounded = model(config, DataType.FLOAT);
    rounded.parameters().flatValues().assign(bf16Model.parameters().flatValues());
    INDArray reference = rounded.teacherForcedLogits(batch);
    double activations = bf16.sub(reference).norm2Number().doubleValue()
        / reference.norm2Number().doubleValue();
    assertTrue(activations < 0.01, "activation rounding " + activations);
    assertTrue(activations > 0, "the bf16 model ran the float products");
  }

  @Test
  void trainingAndInt8AreRefused() {
    Seq2SeqModel model = model(Int8QuantizationTest.config(false, false, "lstm"), DataType.FLOAT);
    Bf16Inference.prepare(model);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.forwardBackward(Seq2SeqModelTest.BATCH, 1));
    assertEquals("this model is loaded for bf16 inference only; train the float model",
        e.getMessage());
    Seq2SeqModel int8 = model(Int8QuantizationTest.config(false, false, "lstm"), DataType.FLOAT);
    Int8Quantization.quantize(int8);
    assertThrows(IllegalArgumentException.class, () -> Bf16Inference.prepare(int8));
    Seq2SeqModel doubles = model(Int8QuantizationTest.config(false, false, "lstm"),
        DataType.DOUBLE);
    assertThrows(IllegalArgumentException.class, () -> Bf16Inference.prepare(doubles));
  }
}
