package org.nmt4j.cli.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.CorpusSplitter;
import org.nmt4j.corpora.FilterChain;
import org.nmt4j.corpora.FilterConfig;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.SplitConfig;
import org.nmt4j.corpora.SplitPart;
import org.nmt4j.corpora.SplitSize;
import org.nmt4j.corpora.SplitSizes;
import org.nmt4j.corpora.TextCleaner;
import org.nmt4j.corpora.filter.HeldOutFilter;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.config.CorpusConfig;
import org.nmt4j.translator.config.DataConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j corpus prepare}: reads a corpus in any supported form, normalises its text
 * ({@link TextCleaner}), filters it with counts by rule ({@link FilterChain}, plus a {@link
 * HeldOutFilter} for the {@code --exclude} sets), splits what is kept into train/valid/test with
 * a seed ({@link CorpusSplitter}) and writes {@code train|valid|test.src|tgt.gz} and {@value
 * #REPORT} into the output directory, every file atomically. Two streaming passes over the input
 * (count, then write), so memory is bounded by the duplicate fingerprints (16 bytes a kept pair).
 * Run again with the same input files and options, it finds its report and does nothing.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Clean, filter and split a parallel corpus for training.",
      "Writes train/valid/test "
          + ".src.gz and .tgt.gz and " + CorpusPrepareCommand.REPORT + " (counts by rule) to --out-dir.",
      "Normalises text (Unicode NFC, control characters, whitespace), drops empty pairs, exact "
          + "and near duplicates and untranslated pairs by default, and whatever --exclude sets "
          + "hold."
    })
public final class CorpusPrepareCommand implements Callable<Integer> {
  /** The report's file name in the output directory. */
  static final String REPORT = "report.json";

  @Spec CommandSpec spec;

  @Mixin CorpusInputOptions input;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Output directory.")
  Path outDir;

  @Option(names = "--valid-size", paramLabel = "N|F", defaultValue = "0",
      description = "Validation pairs held out: a count, or a fraction below 1 (default: ${DEFAULT-VALUE}).")
  String validSize;

  @Option(names = "--test-size", paramLabel = "N|F", defaultValue = "0",
      description = "Test pairs held out (default: ${DEFAULT-VALUE}).")
  String testSize;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--exclude", paramLabel = "CORPUS",
      description = "A validation or test set (two aligned files, or a .tsv/.tmx file) whose "
          + "sentences must not appear in the output: pairs sharing a source or target sentence "
          + "with it (up to case, punctuation and spaces) are dropped. Repeatable.")
  List<String> exclude;

  @Option(names = "--tokenizer", paramLabel = "SPEC", defaultValue = "whitespace",
      description = "Tokenizer that counts tokens for the length rules (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--max-length", paramLabel = "N",
      description = "Drop pairs with more tokens on a side, as train's --max-length (0: no limit; "
          + "default: ${DEFAULT-VALUE}).")
  int maxTokens = 0;

  /** The old spelling of --max-length, kept hidden. */
  @Option(names = "--max-tokens", hidden = true, paramLabel = "N")
  void legacyMaxTokens(int value) {
    maxTokens = value;
  }

  @Option(names = "--max-length-ratio", paramLabel = "X", defaultValue = "0",
      description = "Drop pairs whose longer side has more than X times the tokens of the shorter (0: no limit; default: ${DEFAULT-VALUE}).")
  double maxLengthRatio;

  @Option(names = "--src-script", paramLabel = "SCRIPT", description = "Unicode script most source letters must be in, e.g. Latin.")
  String sourceScript;

  @Option(names = "--tgt-script", paramLabel = "SCRIPT", description = "Unicode script most target letters must be in, e.g. Cyrillic.")
  String targetScript;

  @Option(names = "--keep-duplicates", description = "Keep exact and near duplicate pairs.")
  boolean keepDuplicates;

  @Option(names = "--keep-source-equals-target", description = "Keep pairs whose target is the source untranslated.")
  boolean keepSourceEqualsTarget;

  @Option(names = "--no-normalize", description = "Keep the text as read (no NFC, control characters, whitespace).")
  boolean noNormalize;

  @Option(names = "--plain", description = "Write plain .src/.tgt files instead of gzipped ones.")
  boolean plain;

  @Override
  public Integer call() throws IOException {
    CorpusSpec corpus = input.toSpec(spec.commandLine());
    SplitConfig split = FlagValues.check(spec.commandLine(), () -> new SplitConfig(
        SplitSize.parse(validSize, "--valid-size"), SplitSize.parse(testSize, "--test-size"), seed));
    FlagValues.require(spec.commandLine(), maxTokens >= 0, "--max-length must be >= 0, got " + maxTokens);
    FilterConfig filters = FlagValues.check(spec.commandLine(), () -> FilterConfig.defaults()
        .withMaxTokens(maxTokens, maxTokens).withMaxLengthRatio(maxLengthRatio)
        .withDropDuplicates(!keepDuplicates).withDropNearDuplicates(!keepDuplicates)
        .withDropSourceEqualsTarget(!keepSourceEqualsTarget)
        .withScripts(sourceScript, targetScript));
    DataConfig languages = DataConfig.defaults();
    List<CorpusSpec> excluded = new ArrayList<>();
    if (exclude != null) {
      for (String e : exclude) {
        excluded.add(FlagValues.check(spec.commandLine(), () -> {
          try {
            return CorpusConfig.parse(e).toSpec(languages);
          } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(x.getMessage().replaceFirst("^--train ", "--exclude "), x);
          }
        }));
      }
    }
    Tokenizer tok = FlagValues.check(spec.commandLine(), () -> Tokenizers.create(tokenizer));
    String ext = plain ? "" : ".gz";
    List<String> written = new ArrayList<>(List.of(REPORT));
    for (SplitPart part : SplitPart.values()) {
      written.add(part.stem() + ".src" + ext);
      written.add(part.stem() + ".tgt" + ext);
    }
    OutputPaths paths = OutputPaths.of(spec.commandLine());
    paths.input("--src/--tsv/--tmx", corpus.file()).input("--tgt", corpus.targetFile());
    for (CorpusSpec e : excluded) {
      paths.input("--exclude", e.file()).input("--exclude", e.targetFile());
    }
    paths.requireDistinctIn("--out-dir", outDir, written);

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode settings = json.createObjectNode();
    settings.put("input", fingerprint(corpus));
    var excludedPrints = settings.putArray("exclude");
    excluded.forEach(e -> excludedPrints.add(fingerprint(e)));
    settings.put("filters", filters.toString());
    settings.put("tokenizer", tokenizer);
    settings.put("normalize", !noNormalize);
    settings.put("split", split.toString());
    settings.put("gzip", !plain);
    Path reportFile = outDir.resolve(REPORT);
    PrintWriter out = spec.commandLine().getOut();
    if (Files.exists(reportFile) && allExist(written)) {
      try {
        if (json.readTree(reportFile.toFile()).path("settings").equals(settings)) {
          out.println(outDir + " is up to date (same input files and options as its " + REPORT
              + "); nothing to do");
          out.flush();
          return 0;
        }
      } catch (IOException e) {
        // an unreadable report: prepare again
      }
    }

    long t0 = System.nanoTime();
    HeldOutFilter heldOut = new HeldOutFilter();
    long heldOutPairs = 0;
    for (CorpusSpec e : excluded) {
      try (ParallelCorpusReader r = e.open()) {
        while (r.hasNext()) {
          SentencePair p = r.next();
          heldOut.add(noNormalize ? p : TextCleaner.clean(p));
          heldOutPairs++;
        }
      }
    }
    AtomicReference<FilterChain> last = new AtomicReference<>();
    Function<String, List<String>> split1 = tok::tokenize;
    boolean normalize = !noNormalize;
    SplitSizes sizes = FlagValues.check(spec.commandLine(), () -> new CorpusSplitter(split).write(
        List.of(corpus), () -> {
          FilterChain chain = FilterChain.of(filters, split1, split1,
              excluded.isEmpty() ? List.of() : List.of(heldOut));
          last.set(chain);
          return p -> {
            SentencePair c = normalize ? TextCleaner.clean(p) : p;
            return chain.apply(c).kept() ? c : null;
          };
        }, outDir, !plain));
    double seconds = (System.nanoTime() - t0) / 1e9;
    FilterChain chain = last.get();

    ObjectNode report = json.createObjectNode();
    report.put("corpus", corpus.describe());
    report.put("read", chain.read());
    report.put("kept", chain.kept());
    Map<String, Long> drops = new LinkedHashMap<>(chain.drops());
    report.putPOJO("dropped", drops);
    report.put("held_out_pairs_excluded_against", heldOutPairs);
    ObjectNode parts = report.putObject("split");
    parts.put("train", sizes.train());
    parts.put("valid", sizes.valid());
    parts.put("test", sizes.test());
    ObjectNode files = report.putObject("files");
    for (SplitPart part : SplitPart.values()) {
      files.put(part.stem(), part.stem() + ".src" + ext + " + " + part.stem() + ".tgt" + ext);
    }
    report.put("seconds", Math.round(seconds * 10) / 10.0);
    report.put("pairs_per_second", Math.round(chain.read() / Math.max(seconds, 1e-9)));
    report.set("settings", settings);
    AtomicFiles.writeString(reportFile, json.writeValueAsString(report) + "\n");

    out.printf(Locale.ROOT, "read %d pairs, kept %d, dropped %s%n", chain.read(), chain.kept(), drops);
    out.printf(Locale.ROOT, "train %d, valid %d, test %d pairs written to %s (%s)%n",
        sizes.train(), sizes.valid(), sizes.test(), outDir, REPORT);
    out.printf(Locale.ROOT, "%.1f s for two passes over the input (%.0f input pairs/s)%n",
        seconds, chain.read() / Math.max(seconds, 1e-9));
    out.flush();
    return 0;
  }

  private boolean allExist(List<String> names) {
    for (String n : names) {
      if (!Files.exists(outDir.resolve(n))) {
        return false;
      }
    }
    return true;
  }

  private static String fingerprint(CorpusSpec spec) {
    StringBuilder b = new StringBuilder(spec.describe());
    for (Path p : spec.targetFile() == null ? List.of(spec.file())
        : List.of(spec.file(), spec.targetFile())) {
      try {
        b.append(" | ").append(p.toRealPath()).append(' ').append(Files.size(p)).append(' ')
            .append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        b.append(" | ").append(p);
      }
    }
    return b.toString();
  }
}
