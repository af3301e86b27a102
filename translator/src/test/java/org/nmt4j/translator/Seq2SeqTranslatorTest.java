package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;

/** The translator over a real (untrained) seq2seq model. */
class Seq2SeqTranslatorTest {
  @Test
  void sixteenThreadsAtOnceGiveExactlyTheSingleThreadGreedyOutput() throws Exception {
    Translator translator = Translator.of(TinySeq2Seq.model(3, DataType.FLOAT));
    // short sentences and outputs keep this fast: 16 threads on 2 cores oversubscribe the
    // OpenMP pools (see Translator's Javadoc), and only the equality of outputs matters here
    List<String> input = TinySeq2Seq.sentences(500, 17, 8);
    DecodingOptions options = DecodingOptions.greedy().withBatchSize(32).withMaxLength(8, 2, 10);
    List<Translation> reference = translator.translate(input, options);
    // outputs must differ from sentence to sentence, or the check would prove little
    assertTrue(reference.stream().map(Translation::text).distinct().count() > 100,
        reference.stream().map(Translation::text).distinct().count() + " distinct outputs");

    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<List<Translation>>> jobs = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        // different batch sizes per thread: batching must not change any output either
        int batch = 32 + 16 * t;
        jobs.add(() -> translator.translate(input, options.withBatchSize(batch)));
      }
      List<Future<List<Translation>>> results = pool.invokeAll(jobs);
      for (Future<List<Translation>> f : results) {
        List<Translation> got = f.get();
        for (int i = 0; i < input.size(); i++) {
          assertEquals(reference.get(i).tokens(), got.get(i).tokens(), "sentence " + i);
          assertEquals(reference.get(i).logProbability(), got.get(i).logProbability(), 1e-4);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void greedyOutputIsTheTeacherForcedArgmaxAndItsScoreTheTeacherForcedOne() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(5, DataType.DOUBLE);
    Translator translator = Translator.of(model);
    List<String> input = TinySeq2Seq.sentences(40, 23);
    List<Translation> out = translator.translate(input);
    for (int i = 0; i < input.size(); i++) {
      Translation t = out.get(i);
      int[] src = model.sourceIds(model.sourceTokens(input.get(i)));
      int[] tgt = model.targetIds(t.text());
      Batch pair = pair(src, tgt);
      INDArray logits = model.model().teacherForcedLogits(pair);
      // at every step the greedy token is the argmax of the teacher-forced logits over the ids
      // that may be output (not <pad>, <unk>, <s>)
      int steps = t.complete() ? tgt.length + 1 : tgt.length;
      for (int s = 0; s < steps; s++) {
        int want = s < tgt.length ? tgt[s] : Vocabulary.EOS;
        INDArray row = logits.get(
            org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.point(s),
            org.nd4j.linalg.indexing.NDArrayIndex.all());
        int best = Vocabulary.EOS;
        for (int v = Vocabulary.EOS; v < row.length(); v++) {
          if (row.getDouble(v) > row.getDouble(best)) {
            best = v;
          }
        }
        assertEquals(want, best, "sentence " + i + " step " + s);
      }
      if (t.complete()) {
        double forced = model.model().sentenceLogProbabilities(pair)[0];
        assertEquals(forced, t.logProbability(), 1e-5, "sentence " + i);
        assertEquals(forced, translator.score(input.get(i), t.text()).logProbability(), 1e-5);
      }
    }
  }

  @Test
  void forcedDecodingScoresEqualTeacherForcedScoresInFloat() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(9, DataType.FLOAT);
    Translator translator = Translator.of(model);
    List<String> src = TinySeq2Seq.sentences(30, 1);
    List<String> tgt = TinySeq2Seq.sentences(30, 2);
    ScoreReport report = translator.score(src, tgt);
    for (int i = 0; i < src.size(); i++) {
      Batch pair = pair(model.sourceIds(model.sourceTokens(src.get(i))), model.targetIds(tgt.get(i)));
      double want = model.model().sentenceLogProbabilities(pair)[0];
      assertEquals(want, report.sentences().get(i).logProbability(), 1e-3 + 1e-5 * Math.abs(want));
    }
  }

  @Test
  void coldSamplingEqualsGreedyOnTheRealModel() {
    Translator translator = Translator.of(TinySeq2Seq.model(4, DataType.FLOAT));
    List<String> input = TinySeq2Seq.sentences(60, 29);
    List<Translation> greedy = translator.translate(input);
    List<Translation> cold = translator.translate(input, DecodingOptions.sampling(1e-5, 0, 1.0, 8));
    for (int i = 0; i < input.size(); i++) {
      assertEquals(greedy.get(i).tokens(), cold.get(i).tokens(), "sentence " + i);
    }
  }

  /** A batch of one (source, target) pair with teacher-forcing arrays. */
  static Batch pair(int[] src, int[] tgt) {
    int[] source = new int[src.length + 1];
    System.arraycopy(src, 0, source, 0, src.length);
    source[src.length] = 3;
    int[] in = new int[tgt.length + 1];
    int[] out = new int[tgt.length + 1];
    in[0] = 2;
    System.arraycopy(tgt, 0, in, 1, tgt.length);
    System.arraycopy(tgt, 0, out, 0, tgt.length);
    out[tgt.length] = 3;
    return new Batch(new int[][] {source}, new int[] {source.length}, new int[][] {in},
        new int[][] {out}, new int[] {in.length}, new long[] {0});
  }
}
