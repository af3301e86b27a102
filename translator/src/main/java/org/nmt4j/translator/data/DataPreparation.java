package org.nmt4j.translator.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nmt4j.corpora.TextCleaner;
import org.nmt4j.corpora.batch.EncodedCorpusFile;
import org.nmt4j.corpora.batch.EncodedCorpusWriter;
import org.nmt4j.tokenization.parallel.OrderedParallelMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.FilterChain;
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
 * Turns parallel text into encoded pairs, as {@link DataConfig} says, in two streaming passes so
 * that memory stays bounded as the corpus grows:
 *
 * <ol>
 *   <li>read each training corpus with the corpora readers (their checks stop at the first bad
 *       line with {@code file:line}), optionally clean its text ({@code data.normalize}),
 *       tokenize both sides on all cores ({@link OrderedParallelMap}, input order kept), and
 *       filter ({@code data.max-length}, empty sides and the {@code data.filters} rules, counted
 *       by rule); the kept sentences are stored on disk as word-type ids while the types are
 *       counted;
 *   <li>learn BPE merges from the type counts (jointly or per side), split every type into
 *       subwords once (on all cores), and build the vocabularies from the subword counts, or load
 *       prebuilt ones;
 *   <li>map each stored sentence through its types' subword ids into one {@link
 *       EncodedCorpusFile} per corpus ({@code train.K.ids} in the output directory, written
 *       atomically), which the batcher reads a chunk at a time;
 *   <li>encode the validation pairs (not filtered; held in memory, as validation sets are small).
 * </ol>
 *
 * <p>What is held in memory: the word types with their counts and subword ids (bounded by the
 * vocabulary of the corpus, not its length), the duplicate filters' 64-bit fingerprints when
 * those rules are on (16 bytes a kept pair), and the tokenization pipeline's few chunks in
 * flight. The ids are the same as if every sentence were tokenized, split and looked up on its
 * own.
 *
 * <p>The merges and vocabularies are saved in the output directory ({@value #SOURCE_VOCAB_FILE},
 * {@value #TARGET_VOCAB_FILE}, {@value #JOINT_MERGES_FILE} or {@value #SOURCE_MERGES_FILE} and
 * {@value #TARGET_MERGES_FILE}). A resumed run reads them back instead of learning again, so its
 * ids are those of the checkpoint, and reuses the encoded files when they were made from the
 * same data settings and the same input files (path, size, modification time), so resuming
 * does not read the corpus again.
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
  /** Glob of the encoded training corpora in the output directory. */
  public static final String ENCODED_GLOB = "train.*.ids";

  private static final String META_HEADER = "nmt4j encoded training corpus";

  private final DataConfig config;
  private final Consumer<String> log;
  private final int threads;
  private final boolean encode;

  /**
   * @param config tokenizers, BPE, vocabulary and filter settings
   * @param log receives one line per phase (e.g. for the CLI); may ignore them
   */
  public DataPreparation(DataConfig config, Consumer<String> log) {
    this(config, log, OrderedParallelMap.defaultThreads());
  }

  /**
   * @param config tokenizers, BPE, vocabulary and filter settings
   * @param log receives one line per phase
   * @param threads tokenization threads (1: all on the caller's thread)
   */
  public DataPreparation(DataConfig config, Consumer<String> log, int threads) {
    this(config, log, threads, true);
  }

  private DataPreparation(DataConfig config, Consumer<String> log, int threads, boolean encode) {
    this.config = Objects.requireNonNull(config, "config");
    this.log = Objects.requireNonNull(log, "log");
    this.threads = threads;
    this.encode = encode;
  }

  /**
   * A preparation that stops after the merges and vocabularies ({@code nmt4j vocab}): no encoded
   * corpus is written, and the result has no training files.
   */
  public DataPreparation vocabulariesOnly() {
    return new DataPreparation(config, log, threads, false);
  }

  /** The encoded file of the {@code k}-th training corpus (1-based) in an output directory. */
  public static String encodedFile(int k) {
    return "train." + k + ".ids";
  }

  /**
   * Prepares data from one corpus.
   *
   * @param train the training corpus
   * @param valid the validation corpus, or null
   * @param outDir where merges, vocabularies and the encoded corpus are saved (created if missing)
   * @param reuseSaved read merges, vocabularies and encoded corpora already in {@code outDir}
   *     instead of making them again (for a resumed run)
   */
  public PreparedData prepare(CorpusSpec train, CorpusSpec valid, Path outDir, boolean reuseSaved)
      throws IOException {
    return prepare(List.of(new TrainCorpus(train, 1)), valid, outDir, reuseSaved);
  }

  /**
   * Prepares data from several weighted corpora (see {@code WeightedPairSource} for what the
   * weights mean; with one corpus the weight plays no part).
   *
   * @param train the training corpora, the first one defining the epoch
   * @param valid the validation corpus, or null
   * @param outDir where merges, vocabularies and the encoded corpora are saved
   * @param reuseSaved as in {@link #prepare(CorpusSpec, CorpusSpec, Path, boolean)}
   */
  public PreparedData prepare(List<TrainCorpus> train, CorpusSpec valid, Path outDir,
      boolean reuseSaved) throws IOException {
    List<Input> inputs = new ArrayList<>();
    for (TrainCorpus c : train) {
      inputs.add(new Input(c.spec().describe(), () -> c.spec().open(), c.weight(),
          fingerprint(c.spec())));
    }
    if (valid == null) {
      return prepare(inputs, null, outDir, reuseSaved);
    }
    try (ParallelCorpusReader v = valid.open()) {
      return prepare(inputs, v, outDir, reuseSaved);
    }
  }

  /**
   * Prepares data from pairs in memory (toy corpora, tests).
   *
   * @param train training pairs
   * @param valid validation pairs, or null
   * @param outDir where merges, vocabularies and the encoded corpus are saved, or null for a
   *     temporary directory deleted when the JVM exits
   * @param reuseSaved as in {@link #prepare(CorpusSpec, CorpusSpec, Path, boolean)}
   */
  public PreparedData prepare(List<SentencePair> train, List<SentencePair> valid, Path outDir,
      boolean reuseSaved) throws IOException {
    Input in = new Input("training pairs in memory", () -> reader(train.iterator()), 1,
        "in-memory " + train.size() + " pairs, hash " + train.hashCode());
    return prepare(List.of(in), valid == null ? null : valid.iterator(), outDir, reuseSaved);
  }

  /** One training corpus: how to read it, its weight, and what identifies its content. */
  private record Input(String name, Supplier<ParallelCorpusReader> open, double weight,
      String fingerprint) {}

  /** A pair with its tokens, made on a worker thread. */
  private record Tokenized(SentencePair pair, List<String> source, List<String> target) {}

  private static ParallelCorpusReader reader(Iterator<SentencePair> it) {
    return new ParallelCorpusReader() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public SentencePair next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  private PreparedData prepare(List<Input> inputs, Iterator<SentencePair> valid, Path outDir,
      boolean reuseSaved) throws IOException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no training corpus given");
    }
    Path dir = outDir;
    if (dir == null) {
      dir = Files.createTempDirectory("nmt4j-data-");
      dir.toFile().deleteOnExit();
    }
    Files.createDirectories(dir);
    Tokenizer sourceTokenizer = Tokenizers.create(config.sourceTokenizerSpec());
    Tokenizer targetTokenizer = Tokenizers.create(config.targetTokenizerSpec());
    String settings = config.withTrain(List.of()).toString();

    List<EncodedCorpusFile> reusable = reuseSaved && encode ? reusable(inputs, dir, settings) : null;
    boolean reused = false;
    BpeMerges sourceMerges = null;
    BpeMerges targetMerges = null;
    Path joint = dir.resolve(JOINT_MERGES_FILE);
    Path src = dir.resolve(SOURCE_MERGES_FILE);
    Path tgt = dir.resolve(TARGET_MERGES_FILE);
    if (config.bpeMerges() > 0 && reuseSaved) {
      if (config.bpeJoint() && Files.exists(joint)) {
        sourceMerges = loadMerges(joint);
        targetMerges = sourceMerges;
        reused = true;
      } else if (!config.bpeJoint() && Files.exists(src) && Files.exists(tgt)) {
        sourceMerges = loadMerges(src);
        targetMerges = loadMerges(tgt);
        reused = true;
      }
    }
    Path savedSrc = dir.resolve(SOURCE_VOCAB_FILE);
    Path savedTgt = dir.resolve(TARGET_VOCAB_FILE);
    Vocabulary sourceVocab = null;
    Vocabulary targetVocab = null;
    if (config.prebuiltVocabularies()) {
      sourceVocab = loadVocabulary(Path.of(config.sourceVocab()), "data.source-vocab");
      targetVocab = loadVocabulary(Path.of(config.targetVocab()), "data.target-vocab");
    } else if (reuseSaved && Files.exists(savedSrc) && Files.exists(savedTgt)) {
      sourceVocab = loadVocabulary(savedSrc, "vocabulary");
      targetVocab = loadVocabulary(savedTgt, "vocabulary");
      reused = true;
    }
    boolean mergesReady = config.bpeMerges() == 0 || sourceMerges != null;

    List<EncodedCorpusFile> files;
    DataReport report;
    if (reusable != null && mergesReady && sourceVocab != null) {
      files = reusable;
      report = reportFrom(files.get(0).metadata(), reused);
      log.accept(String.format(Locale.ROOT, "reusing the encoded training data in %s: %d pairs "
          + "(read %d, dropped %s)", dir, report.trainKept(), report.trainRead(), report.drops()));
    } else {
      // pass 1: read, clean, tokenize (in parallel), filter; store sentences as type ids
      WordTypes sourceTypes = new WordTypes();
      WordTypes targetTypes = new WordTypes();
      FilterChain chain = FilterChain.of(config.filterConfig(), sourceTokenizer::tokenize,
          targetTokenizer::tokenize);
      Map<String, Long> drops = new LinkedHashMap<>();
      List<Path> words = new ArrayList<>();
      long t0 = System.nanoTime();
      try {
        for (int k = 0; k < inputs.size(); k++) {
          Input in = inputs.get(k);
          long read0 = chain.read();
          long kept0 = chain.kept();
          Map<String, Long> before = chain.drops();
          Path w = dir.resolve(".train." + (k + 1) + ".words");
          words.add(w);
          try (ParallelCorpusReader reader = in.open().get();
              EncodedCorpusWriter out = new EncodedCorpusWriter(w);
              OrderedParallelMap<SentencePair, Tokenized> tokenized = new OrderedParallelMap<>(
                  cleaned(reader), p -> new Tokenized(p, sourceTokenizer.tokenize(p.source()),
                      targetTokenizer.tokenize(p.target())), threads,
                  OrderedParallelMap.DEFAULT_CHUNK)) {
            while (tokenized.hasNext()) {
              Tokenized t = tokenized.next();
              if (chain.apply(t.pair(), t.source(), t.target()).kept()) {
                out.write(sourceTypes.add(t.source()), targetTypes.add(t.target()));
              }
            }
            out.commit("");
            Map<String, Long> corpusDrops = new LinkedHashMap<>();
            chain.drops().forEach((rule, n) -> corpusDrops.put(rule, n - before.get(rule)));
            reader.skipped().forEach((reason, n) -> corpusDrops.merge(reason, n, Long::sum));
            corpusDrops.forEach((rule, n) -> drops.merge(rule, n, Long::sum));
            if (inputs.size() > 1) {
              log.accept(String.format(Locale.ROOT, "corpus %d (%s, weight %s): read %d, kept %d, "
                      + "dropped %s", k + 1, in.name(), weight(in.weight()), chain.read() - read0,
                  chain.kept() - kept0, corpusDrops));
            }
            if (chain.kept() == kept0) {
              throw new IllegalArgumentException(in.name() + ": no training pairs left after the "
                  + "filters " + corpusDrops + (chain.read() == read0 ? " (the corpus is empty)" : ""));
            }
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "read and tokenized %d training pairs, kept %d "
                + "(dropped %s) in %.1f s (%.0f pairs/s, %d thread%s)", chain.read(), chain.kept(),
            drops, seconds, chain.read() / Math.max(seconds, 1e-9), threads, threads == 1 ? "" : "s"));

        // learn merges and vocabularies from the type counts
        if (config.bpeMerges() > 0 && sourceMerges == null) {
          long t1 = System.nanoTime();
          BpeLearner learner = new BpeLearner();
          Map<String, Long> sc = sourceTypes.counts();
          Map<String, Long> tc = targetTypes.counts();
          if (config.bpeJoint()) {
            sourceMerges = learner.learnJoint(sc, tc, config.bpeMerges());
            targetMerges = sourceMerges;
            sourceMerges.save(joint);
          } else {
            sourceMerges = learner.learn(sc, config.bpeMerges());
            targetMerges = learner.learn(tc, config.bpeMerges());
            sourceMerges.save(src);
            targetMerges.save(tgt);
          }
          log.accept(String.format(Locale.ROOT, "learned %d BPE merges (%s) from %d + %d word "
                  + "types in %.1f s", sourceMerges.size(), config.bpeJoint() ? "joint" : "per side",
              sourceTypes.size(), targetTypes.size(), (System.nanoTime() - t1) / 1e9));
        }
        List<List<String>> sourcePieces = segment(sourceTypes, sourceMerges);
        List<List<String>> targetPieces = segment(targetTypes, targetMerges);
        TokenCounts sourceCounts = counts(sourceTypes, sourcePieces);
        TokenCounts targetCounts = counts(targetTypes, targetPieces);
        if (sourceVocab == null) {
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
        double sourceCoverage = sourceVocab.coverage(sourceCounts.asMap());
        double targetCoverage = targetVocab.coverage(targetCounts.asMap());
        report = new DataReport(chain.read(), chain.kept(), Map.copyOf(drops), 0,
            sourceMerges == null ? 0 : sourceMerges.size(), sourceVocab.size(), targetVocab.size(),
            sourceCoverage, targetCoverage, reused);

        // pass 2: type ids -> subword ids, one encoded file per corpus
        int[][] sourceIds = ids(sourcePieces, sourceVocab);
        int[][] targetIds = ids(targetPieces, targetVocab);
        files = new ArrayList<>();
        long t2 = System.nanoTime();
        for (int k = 0; k < (encode ? inputs.size() : 0); k++) {
          Path file = dir.resolve(encodedFile(k + 1));
          try (EncodedCorpusWriter out = new EncodedCorpusWriter(file);
              Stream<EncodedPair> in = EncodedCorpusFile.open(words.get(k)).open(false, 0)) {
            Iterator<EncodedPair> it = in.iterator();
            while (it.hasNext()) {
              EncodedPair p = it.next();
              out.write(concat(p.source(), sourceIds), concat(p.target(), targetIds));
            }
            out.commit(metadata(settings, inputs.get(k).fingerprint(), report));
          }
          files.add(EncodedCorpusFile.open(file));
          if (outDir == null) {
            file.toFile().deleteOnExit();
          }
        }
        if (encode) {
          log.accept(String.format(Locale.ROOT, "encoded the training data into %s in %.1f s",
            inputs.size() == 1 ? dir.resolve(encodedFile(1)) : dir.resolve(ENCODED_GLOB),
            (System.nanoTime() - t2) / 1e9));
        }
      } finally {
        for (Path w : words) {
          Files.deleteIfExists(w);
        }
      }
    }
    sourceVocab.save(savedSrc);
    targetVocab.save(savedTgt);
    if (outDir == null) {
      for (String name : List.of(SOURCE_VOCAB_FILE, TARGET_VOCAB_FILE, JOINT_MERGES_FILE,
          SOURCE_MERGES_FILE, TARGET_MERGES_FILE)) {
        dir.resolve(name).toFile().deleteOnExit();
      }
    }
    log.accept(String.format(Locale.ROOT, "vocabularies: source %d (coverage %.2f%%), target %d "
            + "(coverage %.2f%%)%s", sourceVocab.size(), 100 * report.sourceCoverage(),
        targetVocab.size(), 100 * report.targetCoverage(),
        report.reusedFiles() ? ", read from the output directory" : ""));

    TextProcessing text = new TextProcessing(config.sourceLang(), config.targetLang(),
        config.sourceTokenizerSpec(), config.targetTokenizerSpec(), sourceMerges, targetMerges,
        sourceVocab, targetVocab);
    List<EncodedPair> validPairs = new ArrayList<>();
    if (valid != null) {
      TextPipeline sp = new TextPipeline(sourceTokenizer, sourceMerges == null ? null : new BpeCodec(sourceMerges));
      TextPipeline tp = new TextPipeline(targetTokenizer, targetMerges == null ? null : new BpeCodec(targetMerges));
      long i = 0;
      Iterator<SentencePair> v = cleaned(valid);
      while (v.hasNext()) {
        SentencePair p = v.next();
        validPairs.add(new EncodedPair(sourceVocab.encode(sp.encode(p.source())),
            targetVocab.encode(tp.encode(p.target())), i++));
      }
      log.accept("validation pairs: " + validPairs.size());
    }
    report = new DataReport(report.trainRead(), report.trainKept(), report.drops(),
        validPairs.size(), sourceMerges == null ? 0 : sourceMerges.size(), sourceVocab.size(),
        targetVocab.size(), report.sourceCoverage(), report.targetCoverage(),
        report.reusedFiles());
    double[] weights = inputs.stream().mapToDouble(Input::weight).toArray();
    return new PreparedData(text, files, weights, validPairs, report);
  }

  private Iterator<SentencePair> cleaned(Iterator<SentencePair> in) {
    if (!config.normalize()) {
      return in;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public SentencePair next() {
        return TextCleaner.clean(in.next());
      }
    };
  }

  /** The encoded files in {@code dir} when every one was made from these inputs and settings. */
  private static List<EncodedCorpusFile> reusable(List<Input> inputs, Path dir, String settings) {
    List<EncodedCorpusFile> files = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      Path file = dir.resolve(encodedFile(k + 1));
      if (!Files.exists(file)) {
        return null;
      }
      EncodedCorpusFile f;
      try {
        f = EncodedCorpusFile.open(file);
      } catch (RuntimeException e) {
        return null;
      }
      if (!f.metadata().startsWith(key(settings, inputs.get(k).fingerprint()))) {
        return null;
      }
      files.add(f);
    }
    return files;
  }

  private static String key(String settings, String fingerprint) {
    return META_HEADER + "\nsettings: " + settings + "\ninput: " + fingerprint + "\n";
  }

  private static String metadata(String settings, String fingerprint, DataReport r) {
    StringBuilder b = new StringBuilder(key(settings, fingerprint));
    b.append("read=").append(r.trainRead()).append('\n');
    b.append("kept=").append(r.trainKept()).append('\n');
    r.drops().forEach((rule, n) -> b.append("drop.").append(rule).append('=').append(n).append('\n'));
    b.append("source-coverage=").append(r.sourceCoverage()).append('\n');
    b.append("target-coverage=").append(r.targetCoverage()).append('\n');
    return b.toString();
  }

  private static DataReport reportFrom(String metadata, boolean reused) {
    long read = 0;
    long kept = 0;
    double sc = 0;
    double tc = 0;
    Map<String, Long> drops = new LinkedHashMap<>();
    for (String line : metadata.split("\n")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = line.substring(0, eq);
      String v = line.substring(eq + 1);
      switch (k) {
        case "read" -> read = Long.parseLong(v);
        case "kept" -> kept = Long.parseLong(v);
        case "source-coverage" -> sc = Double.parseDouble(v);
        case "target-coverage" -> tc = Double.parseDouble(v);
        default -> {
          if (k.startsWith("drop.")) {
            drops.put(k.substring(5), Long.parseLong(v));
          }
        }
      }
    }
    return new DataReport(read, kept, Map.copyOf(drops), 0, 0, 0, 0, sc, tc, reused);
  }

  /** What identifies a corpus's content cheaply: its files' real paths, sizes and times. */
  private static String fingerprint(CorpusSpec spec) {
    StringBuilder b = new StringBuilder(spec.toString());
    for (Path p : spec.targetFile() == null ? List.of(spec.file()) : List.of(spec.file(), spec.targetFile())) {
      try {
        b.append(" | ").append(p.toRealPath()).append(' ').append(Files.size(p)).append(' ')
            .append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        b.append(" | ").append(p).append(" unreadable");
      }
    }
    return b.toString();
  }

  private static String weight(double w) {
    return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
  }

  /** Each type's subwords (the type itself without merges), split on all cores. */
  private static List<List<String>> segment(WordTypes types, BpeMerges merges) {
    BpeCodec codec = merges == null ? null : new BpeCodec(merges);
    return IntStream.range(0, types.size()).parallel()
        .mapToObj(i -> codec == null ? List.of(types.type(i)) : codec.segment(types.type(i)))
        .toList();
  }

  private static TokenCounts counts(WordTypes types, List<List<String>> pieces) {
    TokenCounts c = new TokenCounts();
    for (int i = 0; i < types.size(); i++) {
      for (String piece : pieces.get(i)) {
        c.add(piece, types.count(i));
      }
    }
    return c;
  }

  private static int[][] ids(List<List<String>> pieces, Vocabulary vocabulary) {
    int[][] out = new int[pieces.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vocabulary.encode(pieces.get(i));
    }
    return out;
  }

  private static int[] concat(int[] types, int[][] table) {
    int n = 0;
    for (int t : types) {
      n += table[t].length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int t : types) {
      int[] ids = table[t];
      System.arraycopy(ids, 0, out, at, ids.length);
      at += ids.length;
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
