package org.nmt4j.translator;

/**
 * How {@link Translator} decodes: greedy or sampled, length limits, rules against repeated
 * output, batching.
 *
 * <p>Immutable and validated on construction; every message names the command-line option of
 * the field at fault. Start from {@link #greedy()} or {@link #sampling(double, int, double,
 * long)} and change fields with the {@code with...} methods.
 *
 * @param method greedy (the most probable token at each step) or sample
 * @param temperature sampling only: divides the logits before the softmax; > 0
 * @param topK sampling only: keep the k most probable tokens; 0 keeps all
 * @param topP sampling only: keep the smallest set of most probable tokens reaching this
 *     probability mass; in (0, 1], 1 keeps all
 * @param seed sampling only: with the input position, fixes every draw (same input, same seed,
 *     same output, whatever the batch size or thread count)
 * @param maxLength absolute cap on output tokens (subword tokens, without {@code </s>}); >= 1
 * @param lengthRatio relative cap: at most {@code ceil(lengthRatio x source tokens) +
 *     lengthOffset} output tokens; >= 0
 * @param lengthOffset see {@code lengthRatio}; >= 0
 * @param samples outputs drawn per input sentence (sampling only when > 1); >= 1
 * @param batchSize input sentences per batch (the decoder runs batchSize x samples rows); >= 1
 * @param maxSourceLength longer inputs are cut to this many source tokens, with a warning in
 *     the {@link Translation}; >= 1
 * @param allowUnknown whether {@code <unk>} may be output; {@code <pad>} and {@code <s>} never
 *     are, greedily or sampled, and {@code </s>} ends the sentence
 * @param noRepeatNgram never output a token that would complete an n-gram (of subword tokens)
 *     already in the sentence's output; 0 = off, else >= 1
 * @param repetitionPenalty the logits of tokens already in the output are divided by this when
 *     positive and multiplied by it otherwise, before the token is chosen (Keskar et al. 2019);
 *     1 = off, > 0
 * @param minLengthRatio {@code </s>} is forbidden until the output has {@code ceil(minLengthRatio
 *     x source tokens)} tokens (never more than the sentence's output cap); 0 = off, >= 0
 * @param scores whether each {@link Translation} gets its log-probability (and perplexity);
 *     without, they are NaN and decoding skips the softmax normaliser over the target
 *     vocabulary at every step, which the choice of greedy decoding does not need (as
 *     CTranslate2's {@code return_scores=False}); {@code translate} asks for them with {@code
 *     --with-score}, the HTTP server always
 */
public record DecodingOptions(
    Method method,
    double temperature,
    int topK,
    double topP,
    long seed,
    int maxLength,
    double lengthRatio,
    int lengthOffset,
    int samples,
    int batchSize,
    int maxSourceLength,
    boolean allowUnknown,
    int noRepeatNgram,
    double repetitionPenalty,
    double minLengthRatio,
    boolean scores) {

  /** How the next token is chosen. */
  public enum Method {
    /** The most probable token. */
    GREEDY,
    /** A token drawn from the (tempered, truncated) softmax. */
    SAMPLE
  }

  /** Default absolute output cap. */
  public static final int DEFAULT_MAX_LENGTH = 250;
  /** Default relative output cap: 2 x source + 10. */
  public static final double DEFAULT_LENGTH_RATIO = 2.0;
  /** Default offset of the relative cap. */
  public static final int DEFAULT_LENGTH_OFFSET = 10;
  /** Default input sentences per batch. */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** Default longest source, in tokens. */
  public static final int DEFAULT_MAX_SOURCE_LENGTH = 250;

  /** Most samples per sentence: a bound on memory and time per input line. */
  public static final int MAX_SAMPLES = 1000;

  /**
   * Options whose translations get their log-probabilities.
   *
   * @param method see the record
   * @param temperature see the record
   * @param topK see the record
   * @param topP see the record
   * @param seed see the record
   * @param maxLength see the record
   * @param lengthRatio see the record
   * @param lengthOffset see the record
   * @param samples see the record
   * @param batchSize see the record
   * @param maxSourceLength see the record
   * @param allowUnknown see the record
   * @param noRepeatNgram see the record
   * @param repetitionPenalty see the record
   * @param minLengthRatio see the record
   */
  public DecodingOptions(Method method, double temperature, int topK, double topP, long seed,
      int maxLength, double lengthRatio, int lengthOffset, int samples, int batchSize,
      int maxSourceLength, boolean allowUnknown, int noRepeatNgram, double repetitionPenalty,
      double minLengthRatio) {
    this(method, temperature, topK, topP, seed, maxLength, lengthRatio, lengthOffset, samples,
        batchSize, maxSourceLength, allowUnknown, noRepeatNgram, repetitionPenalty,
        minLengthRatio, true);
  }

  /**
   * Options without rules against repetition and without a minimum length.
   *
   * @param method see the record
   * @param temperature see the record
   * @param topK see the record
   * @param topP see the record
   * @param seed see the record
   * @param maxLength see the record
   * @param lengthRatio see the record
   * @param lengthOffset see the record
   * @param samples see the record
   * @param batchSize see the record
   * @param maxSourceLength see the record
   * @param allowUnknown see the record
   */
  public DecodingOptions(Method method, double temperature, int topK, double topP, long seed,
      int maxLength, double lengthRatio, int lengthOffset, int samples, int batchSize,
      int maxSourceLength, boolean allowUnknown) {
    this(method, temperature, topK, topP, seed, maxLength, lengthRatio, lengthOffset, samples,
        batchSize, maxSourceLength, allowUnknown, 0, 1.0, 0.0);
  }

  /**
   * Options that never output {@code <unk>}.
   *
   * @param method see the record
   * @param temperature see the record
   * @param topK see the record
   * @param topP see the record
   * @param seed see the record
   * @param maxLength see the record
   * @param lengthRatio see the record
   * @param lengthOffset see the record
   * @param samples see the record
   * @param batchSize see the record
   * @param maxSourceLength see the record
   */
  public DecodingOptions(Method method, double temperature, int topK, double topP, long seed,
      int maxLength, double lengthRatio, int lengthOffset, int samples, int batchSize,
      int maxSourceLength) {
    this(method, temperature, topK, topP, seed, maxLength, lengthRatio, lengthOffset, samples,
        batchSize, maxSourceLength, false);
  }

  /** Validates every field. */
  public DecodingOptions {
    if (method == null) {
      throw new IllegalArgumentException("decoding method must be greedy or sample");
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("--temperature must be > 0 and finite, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("--top-k must be >= 0 (0 = no limit), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("--top-p must be in (0, 1] (1 = no limit), got " + topP);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("--max-output-length must be >= 1, got " + maxLength);
    }
    if (!(lengthRatio >= 0) || Double.isInfinite(lengthRatio)) {
      throw new IllegalArgumentException("--length-ratio must be >= 0 and finite, got " + lengthRatio);
    }
    if (lengthOffset < 0) {
      throw new IllegalArgumentException("--length-offset must be >= 0, got " + lengthOffset);
    }
    if (samples < 1 || samples > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "--n-samples must be in 1.." + MAX_SAMPLES + ", got " + samples);
    }
    if (samples > 1 && method == Method.GREEDY) {
      throw new IllegalArgumentException(
          "--n-samples " + samples + " needs --sample: greedy decoding gives one output");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    if (maxSourceLength < 1) {
      throw new IllegalArgumentException("--max-src-length must be >= 1, got " + maxSourceLength);
    }
    if (noRepeatNgram < 0) {
      throw new IllegalArgumentException(
          "--no-repeat-ngram must be >= 0 (0 = off), got " + noRepeatNgram);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException(
          "--repetition-penalty must be > 0 and finite (1 = off), got " + repetitionPenalty);
    }
    if (!(minLengthRatio >= 0) || Double.isInfinite(minLengthRatio)) {
      throw new IllegalArgumentException(
          "--min-length-ratio must be >= 0 and finite (0 = off), got " + minLengthRatio);
    }
  }

  /** @return greedy decoding, caps 250 and 2 x source + 10, batches of 64 */
  public static DecodingOptions greedy() {
    return new DecodingOptions(Method.GREEDY, 1.0, 0, 1.0, 0, DEFAULT_MAX_LENGTH,
        DEFAULT_LENGTH_RATIO, DEFAULT_LENGTH_OFFSET, 1, DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_SOURCE_LENGTH);
  }

  /**
   * @param temperature > 0
   * @param topK 0 for no limit
   * @param topP 1 for no limit
   * @param seed fixes the draws
   * @return sampled decoding with the default limits, one sample per sentence
   */
  public static DecodingOptions sampling(double temperature, int topK, double topP, long seed) {
    return new DecodingOptions(Method.SAMPLE, temperature, topK, topP, seed, DEFAULT_MAX_LENGTH,
        DEFAULT_LENGTH_RATIO, DEFAULT_LENGTH_OFFSET, 1, DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_SOURCE_LENGTH);
  }

  /**
   * @param n outputs per sentence (needs sampling when > 1)
   * @return a copy drawing n samples
   */
  public DecodingOptions withSamples(int n) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, n, batchSize, maxSourceLength, allowUnknown, noRepeatNgram,
        repetitionPenalty, minLengthRatio, scores);
  }

  /**
   * @param sentences input sentences per batch
   * @return a copy with this batch size
   */
  public DecodingOptions withBatchSize(int sentences) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, sentences, maxSourceLength, allowUnknown, noRepeatNgram,
        repetitionPenalty, minLengthRatio, scores);
  }

  /**
   * @param absolute the absolute cap
   * @param ratio the relative cap's factor
   * @param offset the relative cap's offset
   * @return a copy with these output length caps
   */
  public DecodingOptions withMaxLength(int absolute, double ratio, int offset) {
    return new DecodingOptions(method, temperature, topK, topP, seed, absolute, ratio, offset,
        samples, batchSize, maxSourceLength, allowUnknown,
        noRepeatNgram, repetitionPenalty, minLengthRatio, scores);
  }

  /**
   * @param tokens the longest source kept
   * @return a copy cutting sources at this length
   */
  public DecodingOptions withMaxSourceLength(int tokens) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, batchSize, tokens, allowUnknown, noRepeatNgram,
        repetitionPenalty, minLengthRatio, scores);
  }

  /**
   * @param allow whether {@code <unk>} may be output
   * @return a copy with this setting
   */
  public DecodingOptions withAllowUnknown(boolean allow) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, batchSize, maxSourceLength, allow, noRepeatNgram,
        repetitionPenalty, minLengthRatio, scores);
  }

  /**
   * @param n never repeat an n-gram of this size (0 = off)
   * @param penalty the repetition penalty (1 = off)
   * @return a copy with these rules against repeated output
   */
  public DecodingOptions withRepetitionRules(int n, double penalty) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, batchSize, maxSourceLength, allowUnknown, n, penalty,
        minLengthRatio, scores);
  }

  /**
   * @param ratio the minimum output length as a multiple of the source length (0 = off)
   * @return a copy with this minimum length
   */
  public DecodingOptions withMinLengthRatio(double ratio) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, batchSize, maxSourceLength, allowUnknown, noRepeatNgram,
        repetitionPenalty, ratio, scores);
  }

  /**
   * @param wanted whether each translation gets its log-probability
   * @return a copy with this setting
   */
  public DecodingOptions withScores(boolean wanted) {
    return new DecodingOptions(method, temperature, topK, topP, seed, maxLength, lengthRatio,
        lengthOffset, samples, batchSize, maxSourceLength, allowUnknown, noRepeatNgram,
        repetitionPenalty, minLengthRatio, wanted);
  }

  /**
   * The minimum output length of one sentence: {@code ceil(minLengthRatio x sourceTokens)}, but
   * never more than its cap {@link #maxLengthFor(int)}.
   *
   * @param sourceTokens the sentence's source tokens (after any cut, without {@code </s>})
   * @return the fewest output tokens before {@code </s>} is allowed
   */
  public int minLengthFor(int sourceTokens) {
    long min = (long) Math.ceil(minLengthRatio * sourceTokens);
    return (int) Math.min(min, maxLengthFor(sourceTokens));
  }

  /**
   * The output cap of one sentence: the smaller of the absolute and the relative cap, at least 1.
   *
   * @param sourceTokens the sentence's source tokens (after any cut, without {@code </s>})
   * @return the most output tokens it may get
   */
  public int maxLengthFor(int sourceTokens) {
    long relative = (long) Math.ceil(lengthRatio * sourceTokens) + lengthOffset;
    return (int) Math.max(1, Math.min(maxLength, relative));
  }
}
