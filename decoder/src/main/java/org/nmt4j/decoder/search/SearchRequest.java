package org.nmt4j.decoder.search;

/**
 * What one decoding call needs besides the decoder: per-row length limits, per-row random
 * streams, the ids of the boundary tokens and the ids that may never be output. The decoder
 * knows no vocabulary: the caller gives every id (nmt4j's are defined once, in the tokenization
 * module's {@code Vocabulary}).
 *
 * <p>Each row stops when it emits {@code endToken} or when it holds {@code maxLengths[row]}
 * tokens (see {@link Hypothesis.Stop}). The end token is forbidden while a row is shorter than
 * {@code minLength}: with {@code minLength == maxLength} every row runs exactly that many steps,
 * as a fixed-workload benchmark wants.
 *
 * @param maxLengths [rows] the most tokens each row may emit, not counting the end token; each
 *     at least 1
 * @param rowKeys [rows] identifies each row's random stream for sampling (for example sentence
 *     index x samples + sample index): a row draws the same tokens whatever batch it is in;
 *     greedy decoding ignores it
 * @param minLength no end token before this many tokens (0 for none)
 * @param startToken id fed at the first step ({@code <s>})
 * @param endToken id that ends a row ({@code </s>})
 * @param forbiddenTokens ids never chosen, greedily or by sampling (such as {@code <pad>},
 *     {@code <s>} and {@code <unk>}); they still count in the softmax that gives a hypothesis its
 *     log-probability, so scores stay those of the model. Never the end token.
 * @param minLengths [rows] per-row minimum lengths besides {@code minLength} (each row's is the
 *     larger of the two; a row still stops at its maximum length), such as a ratio of the
 *     source length; each >= 0
 * @param repetition the rules against repeated output ({@link RepetitionRules#NONE} for none)
 * @param scores whether each hypothesis gets its log-probability; without, every {@link
 *     Hypothesis#logProbability()} is NaN and a step skips the softmax normaliser over the
 *     vocabulary (a pass over every logit, which greedy decoding's choice does not need), as
 *     CTranslate2's {@code return_scores=False} does
 */
public record SearchRequest(int[] maxLengths, long[] rowKeys, int minLength, int startToken,
    int endToken, int[] forbiddenTokens, int[] minLengths, RepetitionRules repetition,
    boolean scores) {
  /**
   * A request whose hypotheses get their log-probabilities.
   *
   * @param maxLengths see the record
   * @param rowKeys see the record
   * @param minLength see the record
   * @param startToken see the record
   * @param endToken see the record
   * @param forbiddenTokens see the record
   * @param minLengths see the record
   * @param repetition see the record
   */
  public SearchRequest(int[] maxLengths, long[] rowKeys, int minLength, int startToken,
      int endToken, int[] forbiddenTokens, int[] minLengths, RepetitionRules repetition) {
    this(maxLengths, rowKeys, minLength, startToken, endToken, forbiddenTokens, minLengths,
        repetition, true);
  }

  /**
   * A request with no per-row minimum length and no repetition rule.
   *
   * @param maxLengths see the record
   * @param rowKeys see the record
   * @param minLength see the record
   * @param startToken see the record
   * @param endToken see the record
   * @param forbiddenTokens see the record
   */
  public SearchRequest(int[] maxLengths, long[] rowKeys, int minLength, int startToken,
      int endToken, int[] forbiddenTokens) {
    this(maxLengths, rowKeys, minLength, startToken, endToken, forbiddenTokens,
        maxLengths == null ? null : new int[maxLengths.length], RepetitionRules.NONE);
  }

  /**
   * A request that forbids no token.
   *
   * @param maxLengths see the record
   * @param rowKeys see the record
   * @param minLength see the record
   * @param startToken see the record
   * @param endToken see the record
   */
  public SearchRequest(
      int[] maxLengths, long[] rowKeys, int minLength, int startToken, int endToken) {
    this(maxLengths, rowKeys, minLength, startToken, endToken, new int[0]);
  }

  /** Checks that the arrays agree and the limits make sense. */
  public SearchRequest {
    if (maxLengths == null || rowKeys == null) {
      throw new IllegalArgumentException("search request needs maxLengths and rowKeys");
    }
    if (maxLengths.length != rowKeys.length) {
      throw new IllegalArgumentException("search request: " + maxLengths.length
          + " max lengths but " + rowKeys.length + " row keys");
    }
    for (int i = 0; i < maxLengths.length; i++) {
      if (maxLengths[i] < 1) {
        throw new IllegalArgumentException("search request: row " + i + " has max length "
            + maxLengths[i] + ", must be >= 1");
      }
    }
    if (minLength < 0) {
      throw new IllegalArgumentException("search request: minLength must be >= 0, got " + minLength);
    }
    if (startToken < 0 || endToken < 0) {
      throw new IllegalArgumentException("search request: token ids must be >= 0");
    }
    if (forbiddenTokens == null) {
      throw new IllegalArgumentException("search request: forbiddenTokens may be empty, not null");
    }
    for (int t : forbiddenTokens) {
      if (t < 0 || t == endToken) {
        throw new IllegalArgumentException("search request: forbidden token " + t
            + " must be >= 0 and not the end token " + endToken);
      }
    }
    forbiddenTokens = forbiddenTokens.clone();
    if (minLengths == null || minLengths.length != maxLengths.length) {
      throw new IllegalArgumentException("search request: minLengths needs one entry per row ("
          + maxLengths.length + ")");
    }
    for (int i = 0; i < minLengths.length; i++) {
      if (minLengths[i] < 0) {
        throw new IllegalArgumentException("search request: row " + i + " has min length "
            + minLengths[i] + ", must be >= 0");
      }
    }
    minLengths = minLengths.clone();
    if (repetition == null) {
      throw new IllegalArgumentException("search request: repetition may be NONE, not null");
    }
  }

  /**
   * A request with no minimum length, no forbidden token, and row keys 0, 1, 2, ...
   *
   * @param maxLengths [rows] the most tokens per row
   * @param startToken id fed at the first step
   * @param endToken id that ends a row
   * @return the request
   */
  public static SearchRequest of(int[] maxLengths, int startToken, int endToken) {
    long[] keys = new long[maxLengths.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i;
    }
    return new SearchRequest(maxLengths, keys, 0, startToken, endToken);
  }

  /**
   * @param tokens ids never to choose
   * @return a copy forbidding these ids
   */
  public SearchRequest forbidding(int... tokens) {
    return new SearchRequest(maxLengths, rowKeys, minLength, startToken, endToken, tokens,
        minLengths, repetition, scores);
  }

  /**
   * @param perRow [rows] each row's minimum length
   * @return a copy with these per-row minimum lengths
   */
  public SearchRequest withMinLengths(int[] perRow) {
    return new SearchRequest(maxLengths, rowKeys, minLength, startToken, endToken,
        forbiddenTokens, perRow, repetition, scores);
  }

  /**
   * @param rules the rules against repeated output
   * @return a copy with these rules
   */
  public SearchRequest withRepetition(RepetitionRules rules) {
    return new SearchRequest(maxLengths, rowKeys, minLength, startToken, endToken,
        forbiddenTokens, minLengths, rules, scores);
  }

  /**
   * @param wanted whether the hypotheses get their log-probabilities
   * @return a copy with this setting
   */
  public SearchRequest withScores(boolean wanted) {
    return new SearchRequest(maxLengths, rowKeys, minLength, startToken, endToken,
        forbiddenTokens, minLengths, repetition, wanted);
  }

  /**
   * @param row a row index
   * @return the row's minimum length: the larger of {@code minLength} and {@code minLengths[row]}
   */
  public int minLengthOf(int row) {
    return Math.max(minLength, minLengths[row]);
  }

  /** @return the number of rows */
  public int rows() {
    return maxLengths.length;
  }

  /** @return the largest max length over all rows */
  public int longest() {
    int m = 0;
    for (int l : maxLengths) {
      m = Math.max(m, l);
    }
    return m;
  }
}
