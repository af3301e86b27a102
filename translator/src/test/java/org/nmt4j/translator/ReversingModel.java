package org.nmt4j.translator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.translator.decode.TranslationModel;

/**
 * A model without weights whose most probable output is the source reversed: lets the
 * translator's batching, ordering, cutting and sampling be tested exactly and fast.
 */
final class ReversingModel implements TranslationModel {
  static final int WORDS = 30;
  static final int V = 4 + WORDS;

  @Override
  public List<String> sourceTokens(String text) {
    String t = text.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  @Override
  public int[] sourceIds(List<String> tokens) {
    return tokens.stream().mapToInt(ReversingModel::id).toArray();
  }

  @Override
  public int[] targetIds(String text) {
    return sourceIds(sourceTokens(text));
  }

  static int id(String token) {
    if (token.matches("w\\d+")) {
      int n = Integer.parseInt(token.substring(1));
      if (n < WORDS) {
        return 4 + n;
      }
    }
    return 1;
  }

  @Override
  public List<String> targetTokens(int[] ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(id >= 4 ? "w" + (id - 4) : id == 1 ? "<unk>" : "<" + id + ">");
    }
    return out;
  }

  @Override
  public String detokenizeTarget(List<String> tokens) {
    return String.join(" ", tokens);
  }

  @Override
  public StepDecoder startDecoding(SourceBatch sources) {
    int n = sources.size();
    int[][] src = new int[n][];
    for (int b = 0; b < n; b++) {
      // the last real position is </s>
      src[b] = Arrays.copyOf(sources.source()[b], sources.sourceLengths()[b] - 1);
      if (sources.source()[b][sources.sourceLengths()[b] - 1] != 3) {
        throw new AssertionError("source rows must end with </s>");
      }
    }
    return new StepDecoder() {
      private int[][] rows = src;
      private int[] steps = new int[n];
      private int live = n;

      @Override
      public int rows() {
        return live;
      }

      @Override
      public int vocabularySize() {
        return V;
      }

      @Override
      public void step(int[] previous, float[] logits) {
        for (int r = 0; r < live; r++) {
          int[] s = rows[r];
          int want = steps[r] < s.length ? s[s.length - 1 - steps[r]] : 3;
          for (int v = 0; v < V; v++) {
            // a clear favourite plus a little mass elsewhere, so sampling can stray
            logits[r * V + v] = v == want ? 4f : (v % 7) * 0.1f;
          }
          steps[r]++;
        }
      }

      @Override
      public void retainRows(int[] keep, int count) {
        int[][] nextRows = new int[count][];
        int[] nextSteps = new int[count];
        for (int i = 0; i < count; i++) {
          nextRows[i] = rows[keep[i]];
          nextSteps[i] = steps[keep[i]];
        }
        rows = nextRows;
        steps = nextSteps;
        live = count;
      }
    };
  }
}
