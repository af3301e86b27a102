package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.quant.DnnlBf16;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.model.Bf16Inference;
import org.nmt4j.translator.model.Int8Quantization;
import org.nmt4j.translator.model.ModelConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;

/**
 * int8 and bf16 models decoded with batches side by side give exactly the outputs of one batch
 * at a time, run after run: the decoding workers run the same oneDNN primitives at once, each
 * with its own scratchpad (with a shared one, bf16 translations of the Multi30k test set changed
 * from run to run). The model is larger than the other decoding tests' so that oneDNN's kernels
 * are the ones real models run.
 */
class QuantizedParallelBatchesTest {
  @Test
  void int8BatchesSideBySideGiveTheOutputsOfOneAtATime() {
    check(Int8Quantization::quantize);
  }

  @Test
  void bf16BatchesSideBySideGiveTheOutputsOfOneAtATime() {
    if (!DnnlBf16.available()) {
      // neither AMX nor AVX-512 BF16 here (or oneDNN capped below them): preparing says so,
      // in one line, before any weight is rounded
      Seq2SeqModel model = model().model();
      float before = model.parameters().flatValues().getFloat(123);
      RuntimeException e =
          assertThrows(RuntimeException.class, () -> Bf16Inference.prepare(model));
      assertTrue(e.getMessage().contains("bf16") && !e.getMessage().contains("\n"),
          e.getMessage());
      assertEquals(before, model.parameters().flatValues().getFloat(123));
      return;
    }
    check(Bf16Inference::prepare);
  }

  private static void check(Consumer<Seq2SeqModel> prepare) {
    Seq2SeqTranslationModel model = model();
    prepare.accept(model.model());
    Translator translator = Translator.of(model);
    List<String> input = TinySeq2Seq.sentences(256, 31, 16);
    DecodingOptions options = DecodingOptions.greedy().withBatchSize(32).withMaxLength(12, 2, 4);
    List<Translation> reference =
        translator.withBatching(new BatchingOptions(0, 1)).translate(input, options);
    for (int run = 0; run < 3; run++) {
      List<Translation> got =
          translator.withBatching(new BatchingOptions(0, 2)).translate(input, options);
      for (int i = 0; i < input.size(); i++) {
        String where = "run " + run + ", sentence " + i;
        assertEquals(reference.get(i).tokens(), got.get(i).tokens(), where);
        assertEquals(reference.get(i).logProbability(), got.get(i).logProbability(), 0.0, where);
      }
    }
  }

  /** A model with the standard hidden size and a vocabulary of 2,000 words, untrained. */
  private static Seq2SeqTranslationModel model() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      words.add("w" + i);
    }
    Vocabulary vocab = Vocabulary.ofTokens(words);
    ModelConfig config = new ModelConfig(new EncoderConfig(64, 512, 2, 0.0),
        new DecoderConfig(64, 512, 2, 0.0, false), new InitConfig("uniform", 0.3, false, true));
    Seq2SeqModel model = Seq2SeqModel.initialise(config, vocab.size(), vocab.size(),
        DataType.FLOAT, 7);
    TextPipeline pipeline = TextPipeline.of(TokenizerSpec.of(TokenizerSpec.WHITESPACE, "und"),
        null);
    return new Seq2SeqTranslationModel(model, vocab, vocab, pipeline, pipeline);
  }
}
