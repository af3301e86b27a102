package org.nmt4j.decoder.search.impl;

import java.util.Arrays;
import org.nmt4j.decoder.search.Hypothesis;
import org.nmt4j.decoder.search.RepetitionRules;
import org.nmt4j.decoder.search.SearchRequest;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.nn.ops.Halves;

/**
 * The step loop shared by every single-path strategy (greedy, sampled): feed the previous
 * tokens, read the logits, let a {@link TokenChooser} pick one token per row, add the token's
 * log-probability, and drop finished rows from the decoder so that they stop costing work.
 *
 * <p>The request's repetition rules ({@link RepetitionRules}: no repeated n-gram, repetition
 * penalty) change a row's logits just before its token is chosen and are undone right after, so
 * the hypothesis's log-probability stays the model's; with the rules off that code is skipped.
 *
 * <p>Every buffer is allocated once per call before the first step; the loop itself allocates
 * nothing. The per-row reductions (max, log-sum-exp) of a large step run in two halves side by
 * side ({@link RowSplit}), which changes no result.
 *
 * <p>Per step and row, greedy decoding reads the logits twice: once for the maximum and its
 * first index ({@link RowMath#firstMax}), once for the log-normaliser ({@link
 * RowMath#logSumExp}); the chosen token is that index unless masking or the repetition rules
 * changed the row. Before (max, log-sum-exp, then argmax in the chooser) these reductions were
 * 12% of the decoding thread's CPU in an async-profiler profile of {@code bench translate
 * --quantize bf16}. Measured with the products' per-call savings of the same change ({@code
 * Bf16Matrix}, {@code Blas}): {@code bin/nmt4j bench translate --sentences 512 --latency-runs
 * 1} with and without {@code --parallel-batches 2}, float and {@code --quantize bf16},
 * alternating with the build before it, six rounds on 2026-12-07 on the 2 shared cores of an
 * {@code Intel(R) Xeon(R) Processor} ({@code lscpu}; AVX-512 and AMX) at load average 5.1-7.9
 * (other engineers' builds and tests): CPU-seconds per 512 sentences, summed over the rounds,
 * fell from 13.26 to 12.14 (bf16, one batch at a time), 11.50 to 10.73 (bf16, two side by
 * side), 26.10 to 24.09 and 24.17 to 23.37 (float); the wall-clock medians rose from 175 to
 * 198, 246 to 284, 78 to 95 and 73 to 85 sentences/s (README, "Decoding speed").
 *
 * <p>A request without scores ({@link SearchRequest#scores()} false) skips the log-normaliser
 * altogether, the decoder's own ({@link StepDecoder#logNormalizers}) included: greedy decoding
 * then reads each row once, and every hypothesis's log-probability is NaN.
 */
public final class StepLoop {
  /** Picks the next token of one row from its logits. */
  public interface TokenChooser {
    /**
     * @param logits row-major [live rows, V] logits of this step
     * @param offset where this row starts in {@code logits}
     * @param vocabularySize V
     * @param max the row's largest logit
     * @param row the row's index in the request (stable while other rows finish)
     * @param banned a token id that may not be chosen now (the end token before the minimum
     *     length), or -1
     * @return the chosen token id, in [0, V)
     */
    int choose(float[] logits, int offset, int vocabularySize, float max, int row, int banned);

    /**
     * Whether {@link #choose} always returns the first index of the row's largest logit other
     * than {@code banned} (greedy decoding): the loop then takes the index its reductions found
     * and calls {@code choose} only when masking or the repetition rules changed the row.
     */
    default boolean choosesFirstMaximum() {
      return false;
    }
  }

  private StepLoop() {}

  /**
   * Runs the decoder until every row has ended.
   *
   * @param decoder the freshly seeded batch
   * @param request per-row limits
   * @param chooser the token choice rule
   * @return [rows] hypotheses in row order
   */
  public static Hypothesis[] run(StepDecoder decoder, SearchRequest request, TokenChooser chooser) {
    int n = request.rows();
    if (decoder.rows() != n) {
      throw new IllegalArgumentException(
          "decoder has " + decoder.rows() + " rows but the request has " + n);
    }
    int vocab = decoder.vocabularySize();
    if (request.endToken() >= vocab || request.startToken() >= vocab) {
      throw new IllegalArgumentException("start/end token ids " + request.startToken() + "/"
          + request.endToken() + " do not fit the vocabulary size " + vocab);
    }
    for (int t : request.forbiddenTokens()) {
      if (t >= vocab) {
        throw new IllegalArgumentException("forbidden token id " + t
            + " does not fit the vocabulary size " + vocab);
      }
    }
    Run run = new Run(decoder, request, chooser);
    for (int step = 0; run.live > 0; step++) {
      decoder.step(run.previous, run.logits);
      // each row's max and log-normaliser: pure per-row reductions, so they may run in two
      // halves side by side; the token choice (which may draw from a random stream) does not
      Halves.run(run.live > 1 && Halves.worthIt((long) run.live * vocab), run.reduce);
      if (run.nativeNormalizers && run.scores) {
        decoder.logNormalizers(run.logits, run.live, run.rowBest, run.rowMax, run.rowLogNorm);
      }
      run.choose(step);
    }
    return run.hypotheses();
  }

  /** The buffers and progress of one {@link #run} call, all allocated before the first step. */
  private static final class Run {
    final StepDecoder decoder;
    final SearchRequest request;
    final TokenChooser chooser;
    final int vocab;
    final float[] logits;
    final int[] previous;
    final int[] rowOf;
    final int[] keep;
    final int[][] tokens;
    final int[] lengths;
    final double[] logProbs;
    final Hypothesis.Stop[] stops;
    final float[] rowMax;
    /** [live rows] the first index of each row's maximum, found with it. */
    final int[] rowBest;
    final double[] rowLogNorm;
    /** Whether the chooser takes the first maximum (then {@link #rowBest} is the choice). */
    final boolean firstMaximum;
    /** Whether the decoder computes the log-normalisers ({@link StepDecoder#logNormalizers}). */
    final boolean nativeNormalizers;
    /** Whether the hypotheses get log-probabilities ({@link SearchRequest#scores()}). */
    final boolean scores;
    /** Whether the last {@link #mask} call masked a token holding the row's maximum. */
    boolean maskedMax;
    /** {@link #reduce} as a reusable object: no allocation per step. */
    final Halves.Work reduce = this::reduce;
    /** Ids never chosen; masked after the reductions so that log-probabilities stay exact. */
    final int[] forbidden;
    /** [rows] each row's minimum length. */
    final int[] minLengths;
    /** The no-repeat-n-gram state, or null when that rule is off. */
    final NgramBlocker blocker;
    /** The repetition-penalty state, or null when that rule is off. */
    final RepetitionPenalizer penalizer;
    /** The logits the repetition rules changed for the current row, or null when both are off. */
    final SavedLogits saved;
    int live;

    Run(StepDecoder decoder, SearchRequest request, TokenChooser chooser) {
      this.decoder = decoder;
      this.request = request;
      this.chooser = chooser;
      int n = request.rows();
      this.vocab = decoder.vocabularySize();
      this.logits = new float[n * vocab];
      this.previous = new int[n];
      Arrays.fill(previous, request.startToken());
      this.rowOf = new int[n];
      for (int i = 0; i < n; i++) {
        rowOf[i] = i;
      }
      this.keep = new int[n];
      this.tokens = new int[n][];
      int[] maxLengths = request.maxLengths();
      for (int i = 0; i < n; i++) {
        tokens[i] = new int[maxLengths[i]];
      }
      this.lengths = new int[n];
      this.logProbs = new double[n];
      this.stops = new Hypothesis.Stop[n];
      this.rowMax = new float[n];
      this.rowBest = new int[n];
      this.rowLogNorm = new double[n];
      this.firstMaximum = chooser.choosesFirstMaximum();
      this.nativeNormalizers = decoder.computesLogNormalizers();
      this.scores = request.scores();
      if (!scores) {
        Arrays.fill(logProbs, Double.NaN);
      }
      this.forbidden = request.forbiddenTokens();
      this.minLengths = new int[n];
      for (int i = 0; i < n; i++) {
        minLengths[i] = request.minLengthOf(i);
      }
      RepetitionRules rules = request.repetition();
      this.blocker = rules.blocksNgrams() ? new NgramBlocker(rules.noRepeatNgram(), maxLengths) : null;
      this.penalizer = rules.penalizes()
          ? new RepetitionPenalizer(rules.repetitionPenalty(), vocab, maxLengths) : null;
      this.saved = blocker != null || penalizer != null ? new SavedLogits(2 * request.longest()) : null;
      this.live = n;
    }

    /**
     * Max, its first index and log-sum-exp of one half of the live rows of the logits: the max
     * and its index in one pass ({@link RowMath#firstMax}), so that greedy decoding reads each
     * row twice per step (this pass and the log-sum-exp) instead of three times. The
     * log-sum-exp is left out where the decoder computes it ({@link #nativeNormalizers}).
     */
    void reduce(int half) {
      int from = Halves.start(half, live);
      int to = Halves.end(half, live);
      for (int r = from; r < to; r++) {
        int offset = r * vocab;
        int best = RowMath.firstMax(logits, offset, vocab);
        float max = logits[offset + best]; // NaN when the row holds one
        rowBest[r] = best;
        rowMax[r] = max;
        if (scores && !nativeNormalizers) {
          rowLogNorm[r] = RowMath.logSumExp(logits, offset, vocab, max);
        }
      }
    }

    /** Chooses every live row's token, records it, and drops the rows that ended. */
    void choose(int step) {
      int end = request.endToken();
      int[] maxLengths = request.maxLengths();
      int kept = 0;
      for (int r = 0; r < live; r++) {
        int row = rowOf[r];
        int offset = r * vocab;
        float max = rowMax[r];
        if (!Float.isFinite(max)) {
          throw new IllegalStateException("the decoder produced non-finite logits (" + max
              + ") at step " + step + ": the model's weights are broken");
        }
        maskedMax = false;
        if (forbidden.length > 0) {
          max = mask(offset, max);
        }
        int banned = lengths[row] < minLengths[row] ? end : -1;
        int token;
        if (saved == null) {
          if (firstMaximum && !maskedMax && rowBest[r] != banned) {
            token = rowBest[r]; // what choose would return: the first maximum, not banned
          } else {
            token = chooser.choose(logits, offset, vocab, max, row, banned);
          }
        } else {
          token = chooseUnderRules(row, offset, max, banned, end);
        }
        if (scores) {
          logProbs[row] += logits[offset + token] - rowLogNorm[r];
        }
        if (token == end) {
          stops[row] = Hypothesis.Stop.END_TOKEN;
          continue;
        }
        tokens[row][lengths[row]++] = token;
        if (blocker != null) {
          blocker.add(row, tokens[row], lengths[row]);
        }
        if (penalizer != null) {
          penalizer.add(row, token);
        }
        if (lengths[row] == maxLengths[row]) {
          stops[row] = Hypothesis.Stop.MAX_LENGTH;
          continue;
        }
        // kept <= r, so these writes only touch entries already read this step
        keep[kept] = r;
        rowOf[kept] = row;
        previous[kept] = token;
        kept++;
      }
      if (kept > 0 && kept < live) {
        decoder.retainRows(keep, kept);
      }
      live = kept;
    }

    /**
     * Chooses a row's token with the repetition rules applied to its logits, then puts the
     * model's logits back (so the log-probability stays the model's). When the rules leave no
     * token but a banned end token, the row ends: the rules win over the minimum length.
     */
    int chooseUnderRules(int row, int offset, float max, int banned, int end) {
      boolean recompute = false;
      if (penalizer != null) {
        recompute = penalizer.apply(row, logits, offset, max, saved);
      }
      if (blocker != null) {
        recompute |= blocker.ban(row, tokens[row], lengths[row], logits, offset, max, saved);
      }
      if (recompute) {
        max = RowMath.max(logits, offset, vocab);
      }
      int token;
      if (max == Float.NEGATIVE_INFINITY
          || (banned >= 0 && logits[offset + banned] == max && onlyAllowed(offset, banned))) {
        token = end;
      } else {
        token = chooser.choose(logits, offset, vocab, max, row, banned);
      }
      saved.restore(logits);
      return token;
    }

    /** Whether every logit of the row but {@code banned}'s is minus infinity. */
    boolean onlyAllowed(int offset, int banned) {
      for (int i = 0; i < vocab; i++) {
        if (i != banned && logits[offset + i] != Float.NEGATIVE_INFINITY) {
          return false;
        }
      }
      return true;
    }

    /**
     * Sets the forbidden ids' logits of one row to minus infinity, so that no chooser can pick
     * them; the row's log-normaliser was computed before, over every id.
     *
     * @return the row's largest allowed logit
     */
    float mask(int offset, float max) {
      boolean wasMax = false;
      for (int t : forbidden) {
        wasMax |= logits[offset + t] == max;
        logits[offset + t] = Float.NEGATIVE_INFINITY;
      }
      maskedMax = wasMax;
      return wasMax ? RowMath.max(logits, offset, vocab) : max;
    }

    Hypothesis[] hypotheses() {
      int n = request.rows();
      Hypothesis[] out = new Hypothesis[n];
      for (int i = 0; i < n; i++) {
        out[i] = new Hypothesis(Arrays.copyOf(tokens[i], lengths[i]), logProbs[i], stops[i]);
      }
      return out;
    }
  }
}
