package org.nmt4j.cli.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.cli.Main;
import org.nmt4j.corpora.AlignedCorpusWriter;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.toy.EnglishNumberSpeller;
import org.nmt4j.corpora.toy.FrenchNumberSpeller;
import org.nmt4j.corpora.toy.ToyCorpus;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j quickstart}: the first thing to run. Generates the numbers-en-fr toy corpus,
 * trains a small model on it with {@code nmt4j train}, then translates a few numbers and measures
 * exact-match accuracy on held-out numbers, all in a few minutes on two cores.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
        "Train a small English -> French model on generated number words, then test it.",
        "Generates number words (0 to 999,999), trains, writes OUT-DIR/model.nmt4j, translates "
            + "a few numbers it never saw and prints the exact-match accuracy on 1000 held-out "
            + "numbers. Takes a few minutes on two cores."})
public final class QuickstartCommand implements Callable<Integer> {
  /** Numbers shown after training, kept out of the training data: irregular French among them. */
  static final int[] EXAMPLES = {342, 99, 380, 1_001, 91_000, 21_071, 80_080, 200_201, 171_071, 999_999};

  @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "runs/quickstart",
      description = "Where the corpus, the model and the training logs go (default ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--size", paramLabel = "N", defaultValue = "30000",
      description = "Training pairs generated (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--max-steps", paramLabel = "N", description = "Training steps of 64 pairs (default ${DEFAULT-VALUE}).")
  int steps = 3500;

  /** The old spelling of --max-steps, as train, kept hidden. */
  @Option(names = "--steps", hidden = true, paramLabel = "N")
  void legacySteps(int value) {
    steps = value;
  }

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the corpus and the training (default ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FlagValues.require(spec.commandLine(), steps >= 1, "--max-steps must be >= 1, got " + steps);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Path data = outDir.resolve("data");
    out.println("nmt4j quickstart: English number words -> French number words");
    int trainPairs = writeCorpus(data);
    out.printf(Locale.ROOT, "1/3 corpus: %d training, 500 validation, 1000 test pairs in %s%n",
        trainPairs, data);
    out.printf(Locale.ROOT, "2/3 training: embeddings 64, hidden 256, 1-layer encoder and decoder, "
        + "%d steps (progress below)%n", steps);
    out.flush();
    int code = Main.run(out, err, "train",
        "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(),
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(),
        "--out-dir", outDir.toString(),
        "--tokenizer", "whitespace", "--src-lang", "en", "--tgt-lang", "fr",
        // whole-word tokens (a hundred on each side), a small fast model, no dropout: the task
        // is deterministic and the data plentiful; tuned to pass 95% well within the budget
        "--emb", "64", "--hidden", "256", "--enc-layers", "1", "--dec-layers", "1",
        "--dropout", "0", "--lr", "0.003", "--batch-size", "64",
        "--max-steps", Integer.toString(steps), "--valid-every", "500",
        "--checkpoint-every", "500", "--seed", Long.toString(seed));
    if (code != 0) {
      throw new IllegalStateException("training failed (see the message above)");
    }
    Path model = outDir.resolve("model.nmt4j");
    Translator translator = Translator.load(model);
    out.println("3/3 translating with " + model + ":");
    for (int n : EXAMPLES) {
      String english = EnglishNumberSpeller.spell(n);
      String french = FrenchNumberSpeller.spell(n);
      String got = translator.translate(english).text();
      out.printf(Locale.ROOT, "  %s -> %s  %s%n", english, got,
          got.equals(french) ? "ok" : "(expected: " + french + ")");
    }
    List<String> sources = Utf8LineReader.readAll(data.resolve("test.src"), Utf8LineReader.LineEnding.TEXT);
    List<String> references = Utf8LineReader.readAll(data.resolve("test.tgt"), Utf8LineReader.LineEnding.TEXT);
    List<Translation> hypotheses = translator.translate(sources,
        DecodingOptions.greedy().withScores(false));
    int exact = 0;
    for (int i = 0; i < sources.size(); i++) {
      exact += hypotheses.get(i).text().equals(references.get(i)) ? 1 : 0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "exact match on %d held-out numbers: %.1f%% (%d/%d)%n",
        sources.size(), 100.0 * exact / sources.size(), exact, sources.size());
    out.printf(Locale.ROOT, "done in %.0f s. Try: echo \"four hundred twelve\" | bin/nmt4j translate -m %s%n",
        seconds, model);
    out.flush();
    return 0;
  }

  /**
   * Writes the corpus: the generated numbers-en-fr corpus (numbers uniform over 0..999,999, so
   * mostly six digits), plus, for training only, every number below 2000 and every multiple of
   * 1000. Without them the model rarely sees the short numbers whose French is irregular
   * ("vingt et un", "soixante et onze", "quatre-vingts", "deux cents"). The validation and test
   * numbers and the examples shown afterwards are left out of the extra pairs, so that the
   * accuracy is measured on numbers the model never saw.
   *
   * @param dir where {@code train/valid/test.src/tgt} go
   * @return the number of training pairs
   */
  int writeCorpus(Path dir) {
    ToyCorpusConfig config = ToyCorpusConfig.of(ToyTask.NUMBERS_EN_FR, size, seed).withHeldOut(500, 1000);
    ToyCorpus corpus = new ToyCorpusGenerator(config).generate();
    Set<String> unseen = new HashSet<>();
    corpus.valid().forEach(p -> unseen.add(p.source()));
    corpus.test().forEach(p -> unseen.add(p.source()));
    for (int n : EXAMPLES) {
      unseen.add(EnglishNumberSpeller.spell(n));
    }
    Set<String> train = new HashSet<>();
    corpus.train().forEach(p -> train.add(p.source()));
    int pairs = 0;
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, "train")) {
      for (SentencePair p : corpus.train()) {
        w.write(p);
        pairs++;
      }
      for (int n = 0; n <= EnglishNumberSpeller.MAX; n += n < 2000 ? 1 : 1000) {
        String english = EnglishNumberSpeller.spell(n);
        if (!unseen.contains(english) && train.add(english)) {
          w.write(english, FrenchNumberSpeller.spell(n));
          pairs++;
        }
      }
      w.commit();
    }
    write(dir, "valid", corpus.valid());
    write(dir, "test", corpus.test());
    return pairs;
  }

  private static void write(Path dir, String stem, List<SentencePair> pairs) {
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, stem)) {
      pairs.forEach(w::write);
      w.commit();
    }
  }
}
