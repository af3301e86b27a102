package org.nmt4j.translator.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.decoder.DecodingState;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.model.Seq2SeqModel;

/**
 * A minimal batched greedy decoder over {@link Seq2SeqModel#startDecoding}, for checking what a
 * trained model learned (the real decoding, with stopping and sampling, lives in the decoder
 * module's search package).
 */
final class GreedyDecoding {
  private GreedyDecoding() {}

  /**
   * @param sources source ids per sentence, without {@code </s>}
   * @param maxLength most tokens emitted per sentence
   * @return the emitted ids per sentence, up to (not including) {@code </s>}
   */
  static List<int[]> decode(Seq2SeqModel model, List<int[]> sources, int maxLength) {
    int n = sources.size();
    int width = sources.stream().mapToInt(s -> s.length).max().orElse(0) + 1;
    int[][] src = new int[n][width];
    int[] lengths = new int[n];
    for (int b = 0; b < n; b++) {
      int[] s = sources.get(b);
      System.arraycopy(s, 0, src[b], 0, s.length);
      src[b][s.length] = Vocabulary.EOS;
      lengths[b] = s.length + 1;
    }
    long[] indices = new long[n];
    Arrays.setAll(indices, i -> i);
    Batch batch = new Batch(src, lengths, new int[n][0], new int[n][0], new int[n], indices);
    DecodingState state = model.startDecoding(batch);
    int v = state.vocabularySize();
    float[] logits = new float[n * v];
    int[] previous = new int[n];
    Arrays.fill(previous, Vocabulary.BOS);
    List<List<Integer>> out = new ArrayList<>();
    boolean[] done = new boolean[n];
    for (int b = 0; b < n; b++) {
      out.add(new ArrayList<>());
    }
    for (int t = 0; t < maxLength; t++) {
      state.step(previous, logits);
      boolean all = true;
      for (int b = 0; b < n; b++) {
        int best = 0;
        for (int k = 1; k < v; k++) {
          if (logits[b * v + k] > logits[b * v + best]) {
            best = k;
          }
        }
        previous[b] = best;
        if (!done[b]) {
          if (best == Vocabulary.EOS) {
            done[b] = true;
          } else {
            out.get(b).add(best);
          }
        }
        all &= done[b];
      }
      if (all) {
        break;
      }
    }
    List<int[]> result = new ArrayList<>();
    for (List<Integer> o : out) {
      result.add(o.stream().mapToInt(Integer::intValue).toArray());
    }
    return result;
  }
}
