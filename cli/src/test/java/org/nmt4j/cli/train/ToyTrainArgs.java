package org.nmt4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nmt4j train} command line of the CLI training tests: the toy corpus written by
 * {@code ToyCorpusGenerator} in {@code data} (train.src/tgt, valid.src/tgt), a tiny model
 * (embedding 8, hidden 12, one layer a side), batches of 16, validation and a checkpoint every 5
 * steps, seed 7.
 */
final class ToyTrainArgs {
  private ToyTrainArgs() {}

  /**
   * @param data the toy corpus directory
   * @param outDir {@code --out-dir}
   * @param more further arguments, appended
   * @return a modifiable list of the arguments, starting with "train"
   */
  static List<String> of(Path data, Path outDir, String... more) {
    List<String> a = new ArrayList<>(List.of("train",
        "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(),
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(),
        "--out-dir", outDir.toString(),
        "--emb", "8", "--hidden", "12", "--enc-layers", "1", "--dec-layers", "1",
        "--batch-size", "16", "--valid-every", "5", "--checkpoint-every", "5", "--seed", "7"));
    a.addAll(List.of(more));
    return a;
  }
}
