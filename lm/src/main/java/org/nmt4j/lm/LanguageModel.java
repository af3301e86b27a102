package org.nmt4j.lm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.decoder.search.SamplingConfig;
import org.nmt4j.decoder.search.impl.TokenSampler;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.io.LmModelFile;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.model.RnnLanguageModel;
import org.nmt4j.lm.model.StepSession;
import org.nmt4j.lm.model.StreamScorer;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * A trained RNN language model, the library API beside {@code Translator}: load a model file,
 * sample text one token at a time, score a text. Thread-safe: the weights are only read, and
 * every call has its own buffers.
 */
public final class LanguageModel {
  /** Streams scored side by side by {@link #score}. */
  private static final int SCORE_STREAMS = 16;
  private static final int SCORE_CHUNK = 100;

  private final RnnLanguageModel model;
  private final LmText text;
  private final long steps;

  private LanguageModel(RnnLanguageModel model, LmText text, long steps) {
    this.model = model;
    this.text = text;
    this.steps = steps;
  }

  /**
   * Loads a language model file.
   *
   * @throws org.nmt4j.translator.io.ModelFileException one line naming the file when it is not a
   *     language model or is broken
   */
  public static LanguageModel load(Path file) {
    LmModelFile.Contents c = LmModelFile.read(file);
    return new LanguageModel(c.model(), c.text(), c.steps());
  }

  /** Wraps a model in memory (e.g. just trained). */
  public static LanguageModel of(RnnLanguageModel model, LmText text) {
    return new LanguageModel(model, text, -1);
  }

  /** The architecture. */
  public LmConfig config() {
    return model.config();
  }

  /** The tokenizer and vocabulary. */
  public LmText text() {
    return text;
  }

  /** The network (for the inspection views). */
  public RnnLanguageModel network() {
    return model;
  }

  /** Optimiser steps behind the weights (-1 when unknown). */
  public long trainingSteps() {
    return steps;
  }

  /**
   * Draws {@code samples} texts: after feeding the prime (or, without one, an end of line, so the
   * text starts like a line), each step draws the next token from softmax(logits / temperature)
   * restricted by top-k and top-p (the translator's {@link TokenSampler}) and feeds it back.
   * {@code <pad>}, {@code <s>} and {@code <unk>} are never drawn. Sample i uses the random stream
   * of (seed, i): the same seed gives the same texts.
   *
   * @param prime text to continue ({@code \n} for line breaks), may be empty
   * @param length tokens to draw per sample
   * @return each sample's text: the prime followed by the drawn tokens
   */
  public List<String> sample(String prime, int length, SamplingConfig sampling, int samples) {
    if (length < 0 || samples < 1) {
      throw new IllegalArgumentException("--length must be >= 0 and --n-samples >= 1");
    }
    int[] primeIds = text.encodePrime(prime);
    int v = model.vocabularySize();
    StepSession session = model.newStepSession(samples);
    int[] current = new int[samples];
    INDArray logits = null;
    int[] feed = primeIds.length == 0 ? new int[] {LmText.END_OF_LINE} : primeIds;
    for (int id : feed) {
      java.util.Arrays.fill(current, id);
      logits = session.step(current);
    }
    TokenSampler sampler = new TokenSampler(v, sampling);
    Random[] rngs = new Random[samples];
    for (int i = 0; i < samples; i++) {
      rngs[i] = new Random(sampling.seed() * 1_000_003L + i);
    }
    int[][] drawn = new int[samples][length];
    for (int step = 0; step < length; step++) {
      float[] row = logits.data().asFloat();
      for (int i = 0; i < samples; i++) {
        int off = i * v;
        row[off + Vocabulary.PAD] = Float.NEGATIVE_INFINITY;
        row[off + Vocabulary.BOS] = Float.NEGATIVE_INFINITY;
        row[off + Vocabulary.UNK] = Float.NEGATIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
          max = Math.max(max, row[off + j]);
        }
        int id = sampler.sample(row, off, max, -1, rngs[i].nextDouble());
        drawn[i][step] = id;
        current[i] = id;
      }
      if (step + 1 < length) {
        logits = session.step(current);
      }
    }
    List<String> out = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      int[] all = new int[primeIds.length + length];
      System.arraycopy(primeIds, 0, all, 0, primeIds.length);
      System.arraycopy(drawn[i], 0, all, primeIds.length, length);
      out.add(text.decode(all));
    }
    return out;
  }

  /** Cross-entropy of text lines (each ended by an end of line), every token after the first. */
  public StreamScorer.Score score(List<String> lines) {
    int[] ids = text.encodeLines(lines);
    return StreamScorer.score(model, model.newChunkBuffers(), ids, SCORE_STREAMS, SCORE_CHUNK);
  }

  /** {@link #score(List)} of a UTF-8 text file. */
  public StreamScorer.Score score(Path file) {
    return score(Utf8LineReader.readAll(file, Utf8LineReader.LineEnding.TEXT));
  }
}
