package org.nmt4j.translator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.nmt4j.nn.NativeRuntime;
import org.nmt4j.translator.decode.EnsembleTranslationModel;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.decode.ShortlistedTranslationModel;
import org.nmt4j.translator.decode.TranslationModel;
import org.nmt4j.translator.decode.TranslationRunner;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.shortlist.Shortlist;
import org.nmt4j.translator.shortlist.ShortlistFile;

/**
 * Translates text with a trained nmt4j model: the entry point for JVM programs that embed nmt4j.
 *
 * <pre>{@code
 * Translator translator = Translator.load(Path.of("model.nmt4j"));
 * Translation t = translator.translate("three hundred forty-two");
 * System.out.println(t.text());            // trois cent quarante-deux
 * List<Translation> many = translator.translate(lines);   // batched, in input order
 * }</pre>
 *
 * <p><b>Thread safety.</b> One instance may be shared by any number of threads. The model's
 * weights are immutable after loading (decoding only reads them), the tokenizers and
 * vocabularies are immutable, and every call allocates its own decoding state: the encoder
 * outputs, the carried (h, c) of each decoder layer, the logits buffer and the hypotheses live in
 * buffers made for that call and dropped after it. Nothing is cached between calls, so
 * concurrent calls give exactly the results they give one at a time.
 *
 * <p>Speed: a call with several batches decodes them side by side, one per core, each with
 * single-threaded products; a call with one batch splits each product across the cores; {@link
 * #withBatching} changes that ({@link BatchingOptions#parallelBatches()}). With many threads
 * calling at once, every calling thread gets its own OpenMP team for the native math, so N busy
 * threads on C cores run N x (threads per team) workers. For a server that translates from many
 * threads at once, start the JVM with {@code OMP_NUM_THREADS=1} (measured: 16 threads each
 * translating 500 short sentences took 5.5 s that way against 23 s with the default on 2
 * cores); a single translating thread is fastest with the default.
 *
 * <p>Inputs: an empty (or blank) sentence gives an empty translation without running the model;
 * a sentence longer than {@link DecodingOptions#maxSourceLength()} tokens is cut to it and the
 * {@link Translation} carries a warning. No ND4J type appears in this API.
 */
public final class Translator {
  private final TranslationModel model;
  private final TranslationRunner runner;
  /** Scores over the whole vocabulary: the model without its shortlist, if it has one. */
  private final TranslationRunner scoring;
  private final BatchingOptions batching;

  private Translator(TranslationModel model, BatchingOptions batching) {
    this(model, model, batching);
  }

  private Translator(TranslationModel model, TranslationModel scoringModel,
      BatchingOptions batching) {
    this.model = Objects.requireNonNull(model, "model");
    this.runner = new TranslationRunner(model);
    this.scoring = scoringModel == model ? runner : new TranslationRunner(scoringModel);
    this.batching = Objects.requireNonNull(batching, "batching");
  }

  /**
   * Loads a model file written by {@code nmt4j train} (or {@code TrainedModel.save}).
   *
   * @param modelFile the {@code model.nmt4j} file
   * @return a translator over it, ready to share across threads
   * @throws org.nmt4j.translator.io.ModelFileException with a one-line message naming the file
   *     when it is missing, corrupt, truncated, of a newer format, or does not fit its config
   */
  public static Translator load(Path modelFile) {
    return load(modelFile, Quantization.NONE);
  }

  /**
   * {@link #load(Path)}, with the large products in int8 when {@code quantization} is {@link
   * Quantization#INT8} (faster on CPUs with integer dot-product instructions, at a small loss of
   * accuracy), or with bf16 operands and float sums when it is {@link Quantization#BF16} (CPUs
   * with AMX or AVX-512 BF16). A file written by {@code nmt4j quantize} is int8 either way.
   *
   * @throws org.nmt4j.translator.io.ModelFileException as {@link #load(Path)}, or when int8 or
   *     bf16 is asked for and cannot run here (no oneDNN native library for this platform; for
   *     bf16, a CPU without bf16 instructions)
   */
  public static Translator load(Path modelFile, Quantization quantization) {
    NativeRuntime.init();
    return of(Seq2SeqTranslationModel.of(TrainedModel.load(modelFile, quantization)));
  }

  /**
   * Loads one model file, or several as an ensemble that averages their log-probabilities at
   * every step (see {@link EnsembleTranslationModel}: same tokenizers, merges and vocabularies).
   *
   * @param modelFiles one or more {@code model.nmt4j} files
   * @return a translator over them, ready to share across threads
   * @throws org.nmt4j.translator.io.ModelFileException with a one-line message naming the file
   *     that cannot be loaded or does not process text like the first
   */
  public static Translator load(List<Path> modelFiles) {
    return load(modelFiles, Quantization.NONE);
  }

  /** {@link #load(List)} with each model's products quantized as asked (see {@link #load(Path, Quantization)}). */
  public static Translator load(List<Path> modelFiles, Quantization quantization) {
    NativeRuntime.init();
    if (modelFiles.isEmpty()) {
      throw new IllegalArgumentException("no model file given");
    }
    return modelFiles.size() == 1 ? load(modelFiles.get(0), quantization)
        : of(EnsembleTranslationModel.load(modelFiles, quantization));
  }

  /**
   * Wraps an already loaded model (for programs that assemble models themselves, and tests).
   *
   * @param model the model, immutable and thread-safe
   * @return a translator over it
   */
  public static Translator of(TranslationModel model) {
    return new Translator(model, BatchingOptions.defaults());
  }

  /**
   * A translator over the same model that groups and schedules its batches this way (the
   * outputs stay the same).
   *
   * @param batching token limit per batch and batches side by side
   * @return a translator sharing this one's model
   */
  public Translator withBatching(BatchingOptions batching) {
    return new Translator(model, scoring.model(), batching);
  }

  /**
   * A translator over the same model whose translations compute the output layer over a
   * lexical shortlist only (see {@link Shortlist}, built by {@code nmt4j shortlist}): faster
   * where the output layer is a large part of decoding, and tokens off the list are never
   * produced. {@link #score} still uses the whole vocabulary.
   *
   * @param shortlist a shortlist over this model's vocabularies
   * @return a translator sharing this one's model and batching
   * @throws IllegalArgumentException for an ensemble, or a shortlist of other vocabulary sizes
   */
  public Translator withShortlist(Shortlist shortlist) {
    TranslationModel base = scoring.model();
    if (!(base instanceof Seq2SeqTranslationModel single)) {
      throw new IllegalArgumentException("a shortlist works with one model, not an ensemble");
    }
    return new Translator(new ShortlistedTranslationModel(single, shortlist), base, batching);
  }

  /**
   * {@link #withShortlist(Shortlist)} with a shortlist file written by {@code nmt4j shortlist}
   * for this model (see {@link ShortlistFile}).
   *
   * @param file the shortlist file
   * @throws IllegalArgumentException naming the file (and line) when it is malformed or lists
   *     tokens this model does not know, or for an ensemble
   * @throws UncheckedIOException when the file cannot be read
   */
  public Translator withShortlist(Path file) {
    if (!(scoring.model() instanceof Seq2SeqTranslationModel single)) {
      throw new IllegalArgumentException("a shortlist works with one model, not an ensemble");
    }
    try {
      return withShortlist(ShortlistFile.read(file, single.sourceVocabulary(),
          single.targetVocabulary()));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the shortlist: " + e.getMessage(), e);
    }
  }

  /** @return how this translator groups and schedules its batches */
  public BatchingOptions batching() {
    return batching;
  }

  /**
   * @param sentence one sentence
   * @return its greedy translation
   */
  public Translation translate(String sentence) {
    return translate(sentence, DecodingOptions.greedy());
  }

  /**
   * @param sentence one sentence
   * @param options decoding options with one sample
   * @return its translation
   */
  public Translation translate(String sentence, DecodingOptions options) {
    return translate(List.of(sentence), options).get(0);
  }

  /**
   * @param sentences sentences; sorted by length into batches internally
   * @return their greedy translations, in input order
   */
  public List<Translation> translate(List<String> sentences) {
    return translate(sentences, DecodingOptions.greedy());
  }

  /**
   * @param sentences sentences; sorted by length into batches of {@code options.batchSize()}
   *     (and {@link BatchingOptions#maxTokens()})
   * @param options decoding options with one sample (use {@link #translateSamples} for more)
   * @return one translation per sentence, in input order
   */
  public List<Translation> translate(List<String> sentences, DecodingOptions options) {
    if (options.samples() != 1) {
      throw new IllegalArgumentException("--n-samples " + options.samples()
          + " gives several translations per sentence: call translateSamples");
    }
    return translateSamples(sentences, options, null).stream().map(l -> l.get(0)).toList();
  }

  /**
   * @param sentences sentences
   * @param options decoding options; {@code options.samples()} outputs per sentence
   * @return [sentences][samples] translations, in input order
   */
  public List<List<Translation>> translateSamples(List<String> sentences, DecodingOptions options) {
    return translateSamples(sentences, options, null);
  }

  /**
   * @param sentences sentences
   * @param options decoding options; {@code options.samples()} outputs per sentence
   * @param progress told the number of sentences of each batch when it is done, or null
   * @return [sentences][samples] translations, in input order
   */
  public List<List<Translation>> translateSamples(
      List<String> sentences, DecodingOptions options, IntConsumer progress) {
    Objects.requireNonNull(sentences, "sentences");
    Objects.requireNonNull(options, "options");
    return runner.translate(sentences, options, batching,
        progress == null ? null : progress::accept);
  }

  /**
   * @param source a source sentence
   * @param target a target sentence
   * @return the model's log-probability of the target given the source (forced decoding)
   */
  public SentenceScore score(String source, String target) {
    return score(List.of(source), List.of(target)).sentences().get(0);
  }

  /**
   * @param sources source sentences
   * @param targets target sentences, paired with the sources
   * @return per-sentence scores and the corpus perplexity
   */
  public ScoreReport score(List<String> sources, List<String> targets) {
    return score(sources, targets, DecodingOptions.greedy());
  }

  /**
   * @param sources source sentences
   * @param targets target sentences, paired with the sources
   * @param options the batch size and maximum source length are used
   * @return per-sentence scores and the corpus perplexity
   */
  public ScoreReport score(List<String> sources, List<String> targets, DecodingOptions options) {
    return new ScoreReport(scoring.score(sources, targets, options));
  }

  /**
   * Translates made-up sentences (single ones and batches of 16) for about {@code budget}, so
   * that the JVM has compiled the decoding code before real requests arrive; see {@link
   * WarmUp}. Results are discarded and nothing about the translator changes. Measured on 2
   * cores: a few seconds bring single-sentence latency from about 30 to about 21 ms (int8).
   *
   * @param budget how long to translate (at least one sentence is translated)
   * @return the number of sentences translated
   */
  public int warmUp(Duration budget) {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("warm-up time must not be negative, got " + budget);
    }
    return WarmUp.run(this, budget);
  }

  /** @return the model this translator runs */
  public TranslationModel model() {
    return model;
  }
}
