package org.nmt4j.translator.shortlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.translator.decode.TranslationModel;

/**
 * Builds a model's shortlist from a parallel corpus: each line pair is tokenized and mapped to
 * ids by the model's own text pipelines and vocabularies, IBM Model 1 ({@link IbmModel1}) learns
 * p(target | source) over the ids, and the target ids are counted.
 */
public final class ShortlistBuilder {
  private final TranslationModel model;
  private final int sourceVocabulary;
  private final int targetVocabulary;
  private final List<int[]> sources = new ArrayList<>();
  private final List<int[]> targets = new ArrayList<>();
  private final long[] targetCounts;

  /**
   * @param model the model the shortlist is for (its pipelines and vocabularies)
   * @param sourceVocabulary its source vocabulary size
   * @param targetVocabulary its target vocabulary size
   */
  public ShortlistBuilder(TranslationModel model, int sourceVocabulary, int targetVocabulary) {
    this.model = model;
    this.sourceVocabulary = sourceVocabulary;
    this.targetVocabulary = targetVocabulary;
    this.targetCounts = new long[targetVocabulary];
  }

  /**
   * Reads up to {@code maxLines} aligned lines of two files (blank pairs are skipped).
   *
   * @return the line pairs read
   * @throws IllegalArgumentException naming the files when one ends before the other
   */
  public int read(Path sourceFile, Path targetFile, int maxLines) throws IOException {
    int n = 0;
    try (BufferedReader s = Files.newBufferedReader(sourceFile, StandardCharsets.UTF_8);
        BufferedReader t = Files.newBufferedReader(targetFile, StandardCharsets.UTF_8)) {
      while (n < maxLines) {
        String a = s.readLine();
        String b = t.readLine();
        if (a == null || b == null) {
          if (a != null || b != null) {
            throw new IllegalArgumentException((a == null ? sourceFile : targetFile)
                + " ends at line " + n + " but " + (a == null ? targetFile : sourceFile)
                + " goes on: the files must be aligned line by line");
          }
          break;
        }
        n++;
        add(a, b);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException(sourceFile + " or " + targetFile + ": not UTF-8 text");
    }
    return n;
  }

  /** Adds one sentence pair (skipped where either side has no tokens). */
  public void add(String source, String target) {
    int[] s = model.sourceIds(model.sourceTokens(source));
    int[] t = model.targetIds(target);
    if (s.length == 0 || t.length == 0) {
      return;
    }
    sources.add(s);
    targets.add(t);
    for (int id : t) {
      targetCounts[id]++;
    }
  }

  /** Sentence pairs added so far. */
  public int size() {
    return sources.size();
  }

  /** Trains IBM Model 1 over the pairs added. */
  public IbmModel1 train(int iterations) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no sentence pairs to build a shortlist from");
    }
    return IbmModel1.train(sources, targets, sourceVocabulary, targetVocabulary, iterations);
  }

  /** Occurrences of each target id in the pairs added (a copy). */
  public long[] targetCounts() {
    return targetCounts.clone();
  }
}
