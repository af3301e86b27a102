package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.decoder.SeededRnnDecoder;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;

/**
 * {@code <pad>} and {@code <s>} are never output, and {@code <unk>} only when asked for, by
 * greedy and sampled decoding of a real model whose output bias makes them win.
 */
class SpecialTokenOutputTest {

  /** The tiny model with the special ids' output bias raised far above every word's. */
  private static Seq2SeqTranslationModel biased() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(3, DataType.FLOAT);
    var bias = model.model().parameters().value(SeededRnnDecoder.OUTPUT_BIAS);
    bias.putScalar(Vocabulary.PAD, 40.0);
    bias.putScalar(Vocabulary.BOS, 40.0);
    bias.putScalar(Vocabulary.UNK, 39.0);
    bias.putScalar(Vocabulary.EOS, -40.0);
    return model;
  }

  private static String all(List<Translation> translations) {
    StringBuilder sb = new StringBuilder();
    translations.forEach(t -> sb.append(t.text()).append('\n'));
    return sb.toString();
  }

  @Test
  void greedyAndSampledOutputsHoldNoSpecialToken() {
    Translator translator = Translator.of(biased());
    List<String> input = TinySeq2Seq.sentences(20, 5, 6);
    DecodingOptions greedy = DecodingOptions.greedy().withMaxLength(5, 2.0, 10);
    DecodingOptions hot = DecodingOptions.sampling(2.0, 0, 1.0, 7).withMaxLength(5, 2.0, 10);
    for (DecodingOptions options : List.of(greedy, hot)) {
      String out = all(translator.translate(input, options));
      assertFalse(out.contains("<pad>") || out.contains("<s>") || out.contains("<unk>"), out);
      assertTrue(out.contains("w"), out);
    }
    String unk = all(translator.translate(input, greedy.withAllowUnknown(true)));
    assertTrue(unk.contains("<unk>"), "asked for, <unk> wins: " + unk);
    assertFalse(unk.contains("<pad>") || unk.contains("<s>"), unk);
  }
}
