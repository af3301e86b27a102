package org.nmt4j.translator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nmt4j.corpora.batch.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.quant.Int8Weights;

/**
 * An int8 model against its float original on a small generated model: the teacher-forced
 * logits stay close, the quantized tensors are exactly those named, and training is refused.
 */
class Int8QuantizationTest {
  static final int SV = 30;
  static final int TV = 40;

  /** Teacher-forced pairs of the vocabularies' sizes, ragged on both sides. */
  static final Batch BATCH = Seq2SeqModelTest.batch(
      new int[][] {{4, 5, 6, 20, 11}, {7}, {8, 8, 4, 5, 6, 29, 13, 9}, {5, 6}},
      new int[][] {{5, 4, 33}, {7, 6, 6, 5, 39, 12}, {4}, {6, 7, 5, 21}});

  /** The small model of this test and of {@link Bf16InferenceTest}. */
  static ModelConfig config(boolean tie, boolean context, String cell) {
    return new ModelConfig(new EncoderConfig(16, 48, 2, 0.0, cell),
        new DecoderConfig(tie ? 48 : 16, 48, 2, 0.0, tie, context, cell),
        new InitConfig("uniform", 0.3, false, true));
  }

  @ParameterizedTest(name = "tie={0} context={1} cell={2}")
  @CsvSource({"false, false, lstm", "true, true, lstm", "false, true, gru"})
  void logitsStayCloseToTheFloatModel(boolean tie, boolean context, String cell) {
    ModelConfig config = config(tie, context, cell);
    Seq2SeqModel floatModel = Seq2SeqModel.initialise(config, SV, TV, DataType.FLOAT, 5);
    Seq2SeqModel int8Model = Seq2SeqModel.initialise(config, SV, TV, DataType.FLOAT, 5);
    Int8Quantization.quantize(int8Model);
    assertTrue(Int8Quantization.isQuantized(int8Model.parameters()));
    assertFalse(Int8Quantization.isQuantized(floatModel.parameters()));
    for (String name : int8Model.parameters().names()) {
      boolean quantized = Int8Quantization.inferenceTensors(config).containsKey(name);
      assertEquals(quantized, Int8Weights.of(int8Model.parameters().value(name)) != null, name);
    }

    var batch = BATCH;
    INDArray exact = floatModel.teacherForcedLogits(batch);
    INDArray int8 = int8Model.teacherForcedLogits(batch);
    double relative = int8.sub(exact).norm2Number().doubleValue()
        / exact.norm2Number().doubleValue();
    assertTrue(relative < 0.03, "int8 logits off by " + relative + " (relative L2)");
    assertTrue(relative > 0, "the int8 model ran the float products");

    // the float model over the dequantized weights: what remains is the activations' rounding
    Seq2SeqModel dequantized = Seq2SeqModel.initialise(config, SV, TV, DataType.FLOAT, 5);
    dequantized.parameters().flatValues().assign(int8Model.parameters().flatValues());
    INDArray reference = dequantized.teacherForcedLogits(batch);
    double activations = int8.sub(reference).norm2Number().doubleValue()
        / reference.norm2Number().doubleValue();
    assertTrue(activations < 0.02, "activation rounding " + activations);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lstm"})
  void trainingAQuantizedModelIsRefused(String cell) {
    Seq2SeqModel model = Seq2SeqModel.initialise(config(false, false, cell), SV, TV,
        DataType.FLOAT, 5);
    Int8Quantization.quantize(model);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.forwardBackward(Seq2SeqModelTest.BATCH, 1));
    assertEquals("this model is quantized to int8, for inference only; train the float model",
        e.getMessage());
    Seq2SeqModel doubles = Seq2SeqModel.initialise(config(false, false, cell), SV, TV,
        DataType.DOUBLE, 5);
    assertThrows(IllegalArgumentException.class, () -> Int8Quantization.quantize(doubles));
  }
}
