package org.nmt4j.translator.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.FilterChain;
import org.nmt4j.corpora.FilterConfig;
import org.nmt4j.corpora.FilteredPair;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.tokenization.MalformedFileException;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.TokenCounts;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.bpe.BpeCodec;
import org.nmt4j.tokenization.bpe.BpeLearner;
import org.nmt4j.tokenization.bpe.BpeMerges;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.DataConfig;
import org.nmt4j.translator.io.TextProcessing;

/**
 * Turns parallel text into encoded pairs, as {@link DataConfig} says:
 *
 * <ol>
 *   <li>read the training corpus with the corpora readers (their checks stop at the first bad
 *       line with {@code file:line});
 *   <li>tokenize each side and filter: pairs with an empty side, or more than {@code max-length}
 *       tokens on a side, are dropped and counted by rule;
 *   <li>learn BPE merges on the kept training tokens (jointly or per side) and split into
 *       subwords;
 *   <li>build the vocabularies from the (sub)token counts, or load prebuilt ones;
 *   <li>encode training and validation pairs as ids (validation pairs are not filtered).
 * </ol>
 *
 * <p>The merges and vocabularies are saved in the output directory ({@value #SOURCE_VOCAB_FILE},
 * {@value #TARGET_VOCAB_FILE}, {@value #JOINT_MERGES_FILE} or {@value #SOURCE_MERGES_FILE} and
 * {@value #TARGET_MERGES_FILE}). A resumed run reads them back instead of learning again, so its
 * ids are those of the checkpoint. All pairs are held in memory as int arrays.
 */
public final class DataPreparation {
  /** Source vocabulary file in the output directory. */
  public static final String SOURCE_VOCAB_FILE = "vocab.src.tsv";
  /** Target vocabulary file in the output directory. */
  public static final String TARGET_VOCAB_FILE = "vocab.tgt.tsv";
  /** Joint BPE merges file in the output directory. */
  public static final String JOINT_MERGES_FILE = "bpe.merges";
  /** Source BPE merges file (per-side BPE). */
  public static final String SOURCE_MERGES_FILE = "bpe.src.merges";
  /** Target BPE merges file (per-side BPE). */
  public static final String TARGET_MERGES_FILE = "bpe.tgt.merges";

  private final DataConfig config;
  private final Consumer<String> log;

  /**
   * @param config tokenizers, BPE, vocabulary and filter settings
   * @param log receives one line per phase (e.g. for the CLI); may ignore them
   */
  public DataPreparation(DataConfig config, Consumer<String> log) {
    this.config = Objects.requireNonNull(config, "config");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Prepares data from corpus files.
   *
   * @param train the training corpus
   * @param valid the validation corpus, or null
   * @param outDir where merges and vocabularies are saved (created if missing)
   * @param reuseSaved read merges and vocabularies already in {@code outDir} instead of learning
   *     them (for a resumed run)
   */
  public PreparedData prepare(CorpusSpec train, CorpusSpec valid, Path outDir, boolean reuseSaved)
      throws IOException {
    try (ParallelCorpusReader t = train.open()) {
      if (valid == null) {
        return prepare(t, t::skipped, null, outDir, reuseSaved);
      }
      try (ParallelCorpusReader v = valid.open()) {
        return prepare(t, t::skipped, v, outDir, reuseSaved);
      }
    }
  }

  /**
   * Prepares data from pairs in memory (toy corpora, tests).
   *
   * @param train training pairs
   * @param valid validation pairs, or null
   * @param outDir where merges and vocabularies are saved, or null to save nothing
   * @param reuseSaved as in {@link #prepare(CorpusSpec, CorpusSpec, Path, boolean)}
   */
  public PreparedData prepare(List<SentencePair> train, List<SentencePair> valid, Path outDir,
      boolean reuseSaved) throws IOException {
    return prepare(train.iterator(), Map::of, valid == null ? null : valid.iterator(), outDir,
        reuseSaved);
  }

  private PreparedData prepare(java.util.Iterator<SentencePair> train,
      java.util.function.Supplier<Map<String, Long>> skipped, java.util.Iterator<SentencePair> valid,
      Path outDir, boolean reuseSaved) throws IOException {
    Tokenizer sourceTokenizer = Tokenizers.create(config.sourceTokenizerSpec());
    Tokenizer targetTokenizer = Tokenizers.create(config.targetTokenizerSpec());
    FilterConfig filters = FilterConfig.defaults().withMaxTokens(config.maxLength(), config.maxLength());
    FilterChain chain = FilterChain.of(filters, sourceTokenizer::tokenize, targetTokenizer::tokenize);
    List<List<String>> sources = new ArrayList<>();
    List<List<String>> targets = new ArrayList<>();
    long t0 = System.nanoTime();
    while (train.hasNext()) {
      FilteredPair f = chain.apply(train.next());
      if (f.kept()) {
        sources.add(f.sourceTokens());
        targets.add(f.targetTokens());
      }
    }
    Map<String, Long> drops = new LinkedHashMap<>(chain.drops());
    skipped.get().forEach((reason, n) -> drops.merge(reason, n, Long::sum));
    log.accept(String.format("read and tokenized %d training pairs, kept %d (%s) in %.1f s",
        chain.read(), chain.kept(), drops, (System.nanoTime() - t0) / 1e9));
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no training pairs left after the filters " + drops
          + (chain.read() == 0 ? " (the training corpus is empty)" : ""));
    }

    boolean reused = false;
    BpeMerges sourceMerges = null;
    BpeMerges targetMerges = null;
    if (config.bpeMerges() > 0) {
      Path joint = outDir == null ? null : outDir.resolve(JOINT_MERGES_FILE);
      Path src = outDir == null ? null : outDir.resolve(SOURCE_MERGES_FILE);
      Path tgt = outDir == null ? null : outDir.resolve(TARGET_MERGES_FILE);
      if (reuseSaved && config.bpeJoint() && Files.exists(joint)) {
        sourceMerges = loadMerges(joint);
        targetMerges = sourceMerges;
        reused = true;
      } else if (reuseSaved && !config.bpeJoint() && Files.exists(src) && Files.exists(tgt)) {
        sourceMerges = loadMerges(src);
        targetMerges = loadMerges(tgt);
        reused = true;
      } else {
        long t1 = System.nanoTime();
        BpeLearner learner = new BpeLearner();
        Map<String, Long> sc = counts(sources).asMap();
        Map<String, Long> tc = counts(targets).asMap();
        if (config.bpeJoint()) {
          sourceMerges = learner.learnJoint(sc, tc, config.bpeMerges());
          targetMerges = sourceMerges;
        } else {
          sourceMerges = learner.learn(sc, config.bpeMerges());
          targetMerges = learner.learn(tc, config.bpeMerges());
        }
        log.accept(String.format("learned %d BPE merges (%s) in %.1f s", sourceMerges.size(),
            config.bpeJoint() ? "joint" : "per side", (System.nanoTime() - t1) / 1e9));
        if (outDir != null) {
          Files.createDirectories(outDir);
          if (config.bpeJoint()) {
            sourceMerges.save(joint);
          } else {
            sourceMerges.save(src);
            targetMerges.save(tgt);
          }
        }
      }
      sources = split(sources, new BpeCodec(sourceMerges));
      targets = split(targets, new BpeCodec(targetMerges));
    }

    TokenCounts sourceCounts = counts(sources);
    TokenCounts targetCounts = counts(targets);
    Vocabulary sourceVocab;
    Vocabulary targetVocab;
    Path savedSrc = outDir == null ? null : outDir.resolve(SOURCE_VOCAB_FILE);
    Path savedTgt = outDir == null ? null : outDir.resolve(TARGET_VOCAB_FILE);
    if (config.prebuiltVocabularies()) {
      sourceVocab = loadVocabulary(Path.of(config.sourceVocab()), "data.source-vocab");
      targetVocab = loadVocabulary(Path.of(config.targetVocab()), "data.target-vocab");
    } else if (reuseSaved && outDir != null && Files.exists(savedSrc) && Files.exists(savedTgt)) {
      sourceVocab = loadVocabulary(savedSrc, "vocabulary");
      targetVocab = loadVocabulary(savedTgt, "vocabulary");
      reused = true;
    } else {
      int max = config.maxSize() == 0 ? Vocabulary.UNLIMITED : config.maxSize();
      if (config.sharedVocab()) {
        sourceVocab = Vocabulary.buildShared(
            sourceCounts.asMap(), targetCounts.asMap(), config.minFreq(), max);
        targetVocab = sourceVocab;
      } else {
        sourceVocab = Vocabulary.build(sourceCounts.asMap(), config.minFreq(), max);
        targetVocab = Vocabulary.build(targetCounts.asMap(), config.minFreq(), max);
      }
    }
    if (outDir != null) {
      Files.createDirectories(outDir);
      sourceVocab.save(savedSrc);
      targetVocab.save(savedTgt);
    }
    log.accept(String.format("vocabularies: source %d (coverage %.2f%%), target %d (coverage %.2f%%)%s",
        sourceVocab.size(), 100 * sourceVocab.coverage(sourceCounts.asMap()), targetVocab.size(),
        100 * targetVocab.coverage(targetCounts.asMap()), reused ? ", read from the output directory" : ""));

    List<EncodedPair> trainPairs = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      trainPairs.add(new EncodedPair(sourceVocab.encode(sources.get(i)),
          targetVocab.encode(targets.get(i)), i));
    }
    TextProcessing text = new TextProcessing(config.sourceLang(), config.targetLang(),
        config.sourceTokenizerSpec(), config.targetTokenizerSpec(), sourceMerges, targetMerges,
        sourceVocab, targetVocab);
    List<EncodedPair> validPairs = new ArrayList<>();
    if (valid != null) {
      TextPipeline sp = new TextPipeline(sourceTokenizer, sourceMerges == null ? null : new BpeCodec(sourceMerges));
      TextPipeline tp = new TextPipeline(targetTokenizer, targetMerges == null ? null : new BpeCodec(targetMerges));
      long i = 0;
      while (valid.hasNext()) {
        SentencePair p = valid.next();
        validPairs.add(new EncodedPair(sourceVocab.encode(sp.encode(p.source())),
            targetVocab.encode(tp.encode(p.target())), i++));
      }
      log.accept("validation pairs: " + validPairs.size());
    }
    DataReport report = new DataReport(chain.read(), chain.kept(), Map.copyOf(drops),
        validPairs.size(), sourceMerges == null ? 0 : sourceMerges.size(), sourceVocab.size(),
        targetVocab.size(), sourceVocab.coverage(sourceCounts.asMap()),
        targetVocab.coverage(targetCounts.asMap()), reused);
    return new PreparedData(text, trainPairs, validPairs, report);
  }

  private static TokenCounts counts(List<List<String>> sentences) {
    TokenCounts c = new TokenCounts();
    for (List<String> s : sentences) {
      c.addAll(s);
    }
    return c;
  }

  private static List<List<String>> split(List<List<String>> sentences, BpeCodec codec) {
    List<List<String>> out = new ArrayList<>(sentences.size());
    for (List<String> s : sentences) {
      out.add(codec.encode(s));
    }
    return out;
  }

  private static BpeMerges loadMerges(Path file) throws IOException {
    try {
      return BpeMerges.load(file);
    } catch (MalformedFileException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static Vocabulary loadVocabulary(Path file, String option) throws IOException {
    try {
      return Vocabulary.load(file);
    } catch (MalformedFileException e) {
      throw new ConfigException(e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException(option + ": no such file: " + file, e);
    } catch (UncheckedIOException e) {
      throw new ConfigException(option + ": " + file + ": " + e.getMessage(), e);
    }
  }
}
