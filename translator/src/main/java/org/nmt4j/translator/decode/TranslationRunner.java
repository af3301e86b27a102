package org.nmt4j.translator.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.corpora.batch.SourceBatcher;
import org.nmt4j.nn.ops.OneCorePool;
import org.nmt4j.decoder.search.DecodingStrategy;
import org.nmt4j.decoder.search.ForcedDecoding;
import org.nmt4j.decoder.search.GreedyDecoding;
import org.nmt4j.decoder.search.Hypothesis;
import org.nmt4j.decoder.search.RepetitionRules;
import org.nmt4j.decoder.search.SampledDecoding;
import org.nmt4j.decoder.search.SamplingConfig;
import org.nmt4j.decoder.search.SearchRequest;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.BatchingOptions;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.SentenceScore;
import org.nmt4j.translator.Translation;

/**
 * Translates and scores lists of sentences with a {@link TranslationModel}: tokenizes, cuts
 * over-long sources, sorts by length into batches, decodes each batch (the encoder once, then
 * step by step; optionally several batches side by side, one core each), and puts the results
 * back in input order.
 *
 * <p>Stateless apart from the immutable model: every call allocates its own batches and
 * decoders, so one runner serves many threads at once.
 */
public final class TranslationRunner {
  private static final int START = Vocabulary.BOS;
  private static final int END = Vocabulary.EOS;
  /** Never output: padding and the start token. */
  private static final int[] NEVER = {Vocabulary.PAD, Vocabulary.BOS};
  /** Never output unless asked for: padding, the start token and {@code <unk>}. */
  private static final int[] NEVER_OR_UNKNOWN = {Vocabulary.PAD, Vocabulary.BOS, Vocabulary.UNK};

  private final TranslationModel model;

  /** @param model the loaded model */
  public TranslationRunner(TranslationModel model) {
    this.model = model;
  }

  /** The model this runner translates with. */
  public TranslationModel model() {
    return model;
  }

  /**
   * Translates sentences, drawing {@code options.samples()} outputs each, with the default
   * {@link BatchingOptions}.
   *
   * @see #translate(List, DecodingOptions, BatchingOptions, Consumer)
   */
  public List<List<Translation>> translate(
      List<String> sentences, DecodingOptions options, Consumer<Integer> batchDone) {
    return translate(sentences, options, BatchingOptions.defaults(), batchDone);
  }

  /**
   * Translates sentences, drawing {@code options.samples()} outputs each.
   *
   * <p>The sentences are cut into batches by {@link LengthSortedBatches} (widest first, at most
   * {@code options.batchSize()} sentences, i.e. that many times {@code options.samples()}
   * decoder rows, and {@code batching.maxTokens()} padded source tokens each), decoded {@code batching.workers()} side by side ({@link OneCorePool}), and put back
   * in input order. The outputs do not depend on the batching.
   *
   * @param sentences input sentences
   * @param options decoding options
   * @param batching batch limits and batches side by side
   * @param batchDone called after each decoded batch with the number of its sentences (for
   *     progress), never concurrently within this call
   * @return [sentences][samples] translations in input order
   */
  public List<List<Translation>> translate(List<String> sentences, DecodingOptions options,
      BatchingOptions batching, Consumer<Integer> batchDone) {
    int n = sentences.size();
    int samples = options.samples();
    Translation[][] out = new Translation[n][];
    List<int[]> sources = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<List<String>> warnings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String sentence = sentences.get(i);
      List<String> tokens = sentence == null ? List.of() : model.sourceTokens(sentence);
      if (tokens.isEmpty()) {
        Translation empty = Translation.empty(List.of());
        out[i] = new Translation[samples];
        Arrays.fill(out[i], empty);
        continue;
      }
      List<String> notes = List.of();
      if (tokens.size() > options.maxSourceLength()) {
        notes = List.of("source cut from " + tokens.size() + " to " + options.maxSourceLength()
            + " tokens (--max-src-length)");
        tokens = tokens.subList(0, options.maxSourceLength());
      }
      sources.add(model.sourceIds(tokens));
      positions.add(i);
      warnings.add(notes);
    }
    if (!sources.isEmpty()) {
      DecodingStrategy strategy = strategy(options);
      RepetitionRules rules =
          new RepetitionRules(options.noRepeatNgram(), options.repetitionPenalty());
      List<SourceBatch> batches = LengthSortedBatches.of(sources, options.batchSize(),
          batching.maxTokens(), samples);
      Object progressLock = new Object();
      OneCorePool.run(batches.size(), batching.workers(), i -> {
        SourceBatch batch = batches.get(i);
        decodeBatch(batch, options, strategy, rules, positions, warnings, out);
        if (batchDone != null) {
          synchronized (progressLock) {
            batchDone.accept(batch.size());
          }
        }
      });
    }
    List<List<Translation>> result = new ArrayList<>(n);
    for (Translation[] t : out) {
      result.add(List.of(t));
    }
    return result;
  }

  /** Decodes one batch and writes its sentences' translations into {@code out}. */
  private void decodeBatch(SourceBatch batch, DecodingOptions options, DecodingStrategy strategy,
      RepetitionRules rules, List<Integer> positions, List<List<String>> warnings,
      Translation[][] out) {
    int samples = options.samples();
    SourceBatch rows = repeatRows(batch, samples);
    int[] maxLengths = new int[rows.size()];
    int[] minLengths = new int[rows.size()];
    long[] keys = new long[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      int sentence = positions.get((int) rows.indices()[r]);
      maxLengths[r] = options.maxLengthFor(rows.sourceLengths()[r] - 1);
      minLengths[r] = options.minLengthFor(rows.sourceLengths()[r] - 1);
      keys[r] = (long) sentence * samples + r % samples;
    }
    Hypothesis[] hyps = strategy.decode(model.startDecoding(rows),
        new SearchRequest(maxLengths, keys, 0, START, END,
            options.allowUnknown() ? NEVER : NEVER_OR_UNKNOWN, minLengths, rules,
            options.scores()));
    for (int b = 0; b < batch.size(); b++) {
      int local = (int) batch.indices()[b];
      int sentence = positions.get(local);
      Translation[] t = new Translation[samples];
      for (int k = 0; k < samples; k++) {
        t[k] = translation(hyps[b * samples + k], batch.sourceLengths()[b] - 1, warnings.get(local));
      }
      out[sentence] = t;
    }
  }

  /**
   * Scores each target as a translation of its source by forced decoding.
   *
   * @param sources source sentences
   * @param targets target sentences, as many as sources
   * @param options batch size and maximum source length are used
   * @return one score per pair, in input order
   */
  public List<SentenceScore> score(List<String> sources, List<String> targets, DecodingOptions options) {
    if (sources.size() != targets.size()) {
      throw new IllegalArgumentException(
          sources.size() + " sources but " + targets.size() + " targets: they must pair up");
    }
    int n = sources.size();
    List<int[]> sourceIds = new ArrayList<>(n);
    int[][] targetIds = new int[n][];
    for (int i = 0; i < n; i++) {
      List<String> tokens = model.sourceTokens(sources.get(i));
      if (tokens.size() > options.maxSourceLength()) {
        tokens = tokens.subList(0, options.maxSourceLength());
      }
      sourceIds.add(model.sourceIds(tokens));
      targetIds[i] = model.targetIds(targets.get(i));
    }
    SentenceScore[] out = new SentenceScore[n];
    for (SourceBatch batch : new SourceBatcher(options.batchSize()).batches(sourceIds)) {
      int[][] outputs = new int[batch.size()][];
      for (int b = 0; b < batch.size(); b++) {
        outputs[b] = targetIds[(int) batch.indices()[b]];
      }
      StepDecoder decoder = model.startDecoding(batch);
      double[] logProbs = ForcedDecoding.score(decoder, outputs, START, END);
      for (int b = 0; b < batch.size(); b++) {
        out[(int) batch.indices()[b]] = new SentenceScore(logProbs[b], outputs[b].length + 1);
      }
    }
    return List.of(out);
  }

  private Translation translation(Hypothesis h, int sourceTokens, List<String> warnings) {
    List<String> tokens = model.targetTokens(h.tokens());
    return new Translation(model.detokenizeTarget(tokens), tokens, h.logProbability(),
        h.stop() == Hypothesis.Stop.END_TOKEN, sourceTokens, warnings);
  }

  /** The decoding strategy the options ask for. */
  static DecodingStrategy strategy(DecodingOptions options) {
    if (options.method() == DecodingOptions.Method.GREEDY) {
      return new GreedyDecoding();
    }
    return new SampledDecoding(new SamplingConfig(
        options.temperature(), options.topK(), options.topP(), options.seed()));
  }

  /** Each row of a source-only batch {@code times} times in a row; indices are kept. */
  static SourceBatch repeatRows(SourceBatch batch, int times) {
    if (times == 1) {
      return batch;
    }
    int n = batch.size() * times;
    int[][] source = new int[n][];
    int[] lengths = new int[n];
    long[] indices = new long[n];
    for (int r = 0; r < n; r++) {
      int b = r / times;
      source[r] = batch.source()[b];
      lengths[r] = batch.sourceLengths()[b];
      indices[r] = batch.indices()[b];
    }
    return new SourceBatch(source, lengths, indices);
  }
}
