package org.nmt4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.spark.input.CorpusInputs;
import org.nmt4j.translator.config.CorpusConfig;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.config.DataConfig;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.data.DataReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j vocab}: the data preparation of {@code nmt4j train} alone. Tokenizes a parallel
 * corpus, learns BPE merges if asked, and writes the vocabularies ({@value
 * DataPreparation#SOURCE_VOCAB_FILE}, {@value DataPreparation#TARGET_VOCAB_FILE}) and merges to
 * the output directory, where {@code train --src-vocab/--tgt-vocab} can use them.
 */
@Command(
    name = "vocab",
    mixinStandardHelpOptions = true,
    resourceBundle = "org.nmt4j.cli.train.ConfigDefaults",
    description = {
      "Build vocabularies (and BPE merges) from a parallel corpus; print sizes and coverage.",
      "Writes " + DataPreparation.SOURCE_VOCAB_FILE + ", " + DataPreparation.TARGET_VOCAB_FILE
          + " (token<TAB>count) and the merges file(s) to --out-dir."
    })
public final class VocabCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--src", paramLabel = "FILE", description = "Source-language text (.gz ok); or give --tsv, --tmx, --train or data.train in the config.")
  Path source;

  @Option(names = "--tgt", paramLabel = "FILE", description = "Target-language text, line-aligned.")
  Path target;

  @Mixin TrainCorpusFlags corpusFlags;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Output directory.")
  Path outDir;

  @Option(names = "--config", paramLabel = "YAML", description = "Take the data section of this experiment config; flags override it.")
  Path configFile;

  @Mixin DataFlags data;

  @Override
  public Integer call() throws Exception {
    FlagValues.require(spec.commandLine(), (source == null) == (target == null),
        "--src and --tgt must be given together");
    List<CorpusConfig> flagCorpora = FlagValues.check(spec.commandLine(),
        () -> corpusFlags.corpora(source, target));
    OutputPaths paths = OutputPaths.of(spec.commandLine()).input("--config", configFile);
    for (CorpusConfig c : flagCorpora) {
      c.files().forEach(f -> paths.input("--train", f));
    }
    paths.requireDistinctIn("--out-dir", outDir, List.of(
            DataPreparation.SOURCE_VOCAB_FILE, DataPreparation.TARGET_VOCAB_FILE,
            DataPreparation.JOINT_MERGES_FILE, DataPreparation.SOURCE_MERGES_FILE,
            DataPreparation.TARGET_MERGES_FILE));
    ExperimentConfig config = configFile == null ? ExperimentConfig.defaults() : ConfigYaml.read(configFile);
    List<ConfigOverride> overrides = new ArrayList<>();
    if (!flagCorpora.isEmpty()) {
      overrides.add(new ConfigOverride("data.train", flagCorpora, "--train"));
    }
    data.addOverrides(overrides);
    ExperimentConfig base = config;
    DataConfig dataConfig = FlagValues.check(spec.commandLine(),
        () -> ConfigYaml.override(base, overrides)).data();
    FlagValues.require(spec.commandLine(), !dataConfig.train().isEmpty(), "give the corpus: "
        + "--src F --tgt F, --tsv F, --tmx F, --train CORPUS, or data.train in --config");
    List<TrainCorpus> corpora = new ArrayList<>();
    for (CorpusConfig c : dataConfig.train()) {
      for (String name : new String[] {c.src(), c.tgt(), c.tsv(), c.tmx()}) {
        FlagValues.require(spec.commandLine(), !CorpusInputs.isUri(name), "vocab reads local "
            + "files only, got " + name + " (train reads URIs through Hadoop)");
      }
      corpora.add(new TrainCorpus(FlagValues.check(spec.commandLine(), () -> c.toSpec(dataConfig)),
          c.effectiveWeight()));
    }
    PrintWriter err = spec.commandLine().getErr();
    Files.createDirectories(outDir);
    DataReport r = new DataPreparation(dataConfig, line -> {
      err.println(line);
      err.flush();
    }).vocabulariesOnly().prepare(corpora, null, outDir, false).report();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "pairs read %d, kept %d, dropped %s%n", r.trainRead(), r.trainKept(), r.drops());
    out.printf(Locale.ROOT, "bpe merges: %d%s%n", r.bpeMerges(),
        r.bpeMerges() == 0 ? "" : dataConfig.bpeJoint() ? " (joint)" : " (per side)");
    out.printf(Locale.ROOT, "source vocabulary: %d entries, coverage %.2f%% of running tokens%n",
        r.sourceVocabularySize(), 100 * r.sourceCoverage());
    out.printf(Locale.ROOT, "target vocabulary: %d entries, coverage %.2f%% of running tokens%n",
        r.targetVocabularySize(), 100 * r.targetCoverage());
    out.printf("written to %s%n", outDir);
    out.flush();
    return 0;
  }
}
