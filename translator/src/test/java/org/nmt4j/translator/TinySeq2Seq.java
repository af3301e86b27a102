package org.nmt4j.translator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.model.ModelConfig;
import org.nmt4j.translator.model.Seq2SeqModel;

/** A small untrained seq2seq model over the words w0..w29, whitespace-tokenized on both sides. */
final class TinySeq2Seq {
  static final int WORDS = 30;

  private TinySeq2Seq() {}

  static Seq2SeqTranslationModel model(long seed, DataType type) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < WORDS; i++) {
      words.add("w" + i);
    }
    Vocabulary vocab = Vocabulary.ofTokens(words);
    // a wide initialisation so that an untrained model still gives varied, decisive outputs
    ModelConfig config = new ModelConfig(new EncoderConfig(16, 24, 2, 0.0),
        new DecoderConfig(16, 24, 2, 0.0, false), new InitConfig("uniform", 0.6, false, true));
    Seq2SeqModel model = Seq2SeqModel.initialise(config, vocab.size(), vocab.size(), type, seed);
    TextPipeline pipeline = TextPipeline.of(TokenizerSpec.of(TokenizerSpec.WHITESPACE, "und"), null);
    return new Seq2SeqTranslationModel(model, vocab, vocab, pipeline, pipeline);
  }

  static List<String> sentences(int n, long seed) {
    return sentences(n, seed, 15);
  }

  static List<String> sentences(int n, long seed, int maxLength) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int length = 1 + random.nextInt(maxLength);
      StringBuilder sb = new StringBuilder();
      for (int t = 0; t < length; t++) {
        sb.append(t == 0 ? "" : " ").append('w').append(random.nextInt(WORDS));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
