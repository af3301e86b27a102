package org.nmt4j.translator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.translator.model.ModelConfig;

/** FlopCount against counts worked out by hand for small models. */
class FlopCountTest {
  /** Encoder: embedding 3, hidden 4, 2 layers, LSTM; decoder: embedding 5, hidden 6, 1 layer. */
  private static final ModelConfig SMALL = new ModelConfig(new EncoderConfig(3, 4, 2, 0.0),
      new DecoderConfig(5, 6, 1, 0.0, false), InitConfig.defaults());

  /** Two pairs: sources of 3 and 2 tokens (</s> included), targets of 4 and 1 positions. */
  private static Batch smallBatch() {
    return new Batch(new int[][] {{4, 5, 2}, {6, 2, 0}}, new int[] {3, 2},
        new int[][] {{1, 7, 8, 9}, {1, 0, 0, 0}}, new int[][] {{7, 8, 9, 2}, {2, 0, 0, 0}},
        new int[] {4, 1}, new long[] {0, 1});
  }

  @Test
  void trainingStepIsThreeForwardsOfTheRealTokens() {
    // encoder, gates 4 x 4 = 16 wide, per source token:
    //   layer 0, per direction: input 2*3*16 = 96, recurrent 2*4*16 = 128 -> 224, x2 = 448
    //   layer 1, per direction: input 2*8*16 = 256, recurrent 128 -> 384, x2 = 768
    //   1216 per token x 5 tokens = 6080
    // bridge, per sentence: h0 and c0 of the one decoder layer, 2 * (2*8*6) = 192; x2 = 384
    // decoder, gates 4 x 6 = 24 wide, per target position: input 2*5*24 = 240, recurrent
    //   2*6*24 = 288, output 2*6*7 = 84 -> 612 x 5 positions = 3060
    FlopCount count = new FlopCount(SMALL, 7);
    assertEquals(6080 + 384 + 3060, count.forward(5, 5, 2));
    assertEquals(3L * (6080 + 384 + 3060), count.trainingStep(smallBatch()));
  }

  @Test
  void decodingLeavesOutTheTableLookups() {
    // encoder per source token: layer 0 recurrent only, 2 x 128 = 256, layer 1 768 -> 1024 x 5
    // bridge 384; decoder per step: recurrent 288 + output 84 = 372 x 6 steps
    assertEquals(5120 + 384 + 2232, new FlopCount(SMALL, 7).decoding(5, 6, 2));
  }

  @Test
  void gruEncoderRnnDecoderWithSourceContext() {
    // encoder GRU (3 gates x 4 = 12 wide), 1 layer, per token per direction: input 2*3*12 = 72,
    //   recurrent 2*4*12 = 96 -> 168, x2 = 336
    // bridge: RNN decoder, h0 only: 2*8*6 = 96 per sentence
    // decoder RNN (1 gate x 6), input embedding 5 + context 6: 2*11*6 = 132, recurrent
    //   2*6*6 = 72, output 2*6*7 = 84 -> 288 per position
    // context logits per sentence: 2*6*7 = 84
    ModelConfig config = new ModelConfig(new EncoderConfig(3, 4, 1, 0.0, "gru"),
        new DecoderConfig(5, 6, 1, 0.0, false, true, "rnn"), InitConfig.defaults());
    FlopCount count = new FlopCount(config, 7);
    assertEquals(10 * 336 + 3 * (96 + 84) + 4 * 288, count.forward(10, 4, 3));
    // decoding: encoder recurrent only 2 x 96 per token; per sentence bridge 96, context logits
    // 84 and the context's share of the input projection 2*6*6 = 72; per step 72 + 84
    assertEquals(10 * 192 + 3 * (96 + 84 + 72) + 4 * (72 + 84), count.decoding(10, 4, 3));
  }

  @Test
  void productShapesAddUpToTheCountForEqualLengths() {
    ModelConfig standard = TrainBenchmark.modelConfig(TrainBenchmark.Options.standard(1, 0));
    FlopCount count = new FlopCount(standard, 8000);
    assertEquals(count.forward(64 * 15, 64 * 16, 64) * 3, ProductShapes.totalFlops(
        ProductShapes.training(standard, 8000, 64, 15, 16)));
    assertEquals(count.decoding(64 * 15, 64 * 30, 64), ProductShapes.totalFlops(
        ProductShapes.decoding(standard, 8000, 64, 15, 30)));
    ModelConfig context = new ModelConfig(new EncoderConfig(3, 4, 3, 0.0, "gru"),
        new DecoderConfig(5, 6, 2, 0.0, false, true, "lstm"), InitConfig.defaults());
    FlopCount small = new FlopCount(context, 7);
    assertEquals(small.forward(2 * 5, 2 * 4, 2) * 3,
        ProductShapes.totalFlops(ProductShapes.training(context, 7, 2, 5, 4)));
    assertEquals(small.decoding(2 * 5, 2 * 3, 2),
        ProductShapes.totalFlops(ProductShapes.decoding(context, 7, 2, 5, 3)));
  }

  @Test
  void rejectsAnEmptyVocabulary() {
    assertThrows(IllegalArgumentException.class, () -> new FlopCount(SMALL, 0));
  }
}
