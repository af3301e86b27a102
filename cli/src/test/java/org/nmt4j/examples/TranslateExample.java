package org.nmt4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * How a JVM program embeds nmt4j: the code of the README's "Embedding the translator" section,
 * compiled and run by {@code TranslateExampleTest}. It uses only the public API of {@code
 * org.nmt4j.translator} (the one dependency a program needs is {@code
 * org.nmt4j:nmt4j-translator}).
 *
 * <p>Run: {@code TranslateExample MODEL SENTENCE...}
 */
public final class TranslateExample {
  private TranslateExample() {}

  /**
   * @param args the model file, then sentences to translate
   * @throws Exception if a worker thread fails
   */
  public static void main(String[] args) throws Exception {
    // Load once; the translator is immutable and may be shared by all threads.
    Translator translator = Translator.load(Path.of(args[0]));
    List<String> sentences = List.of(args).subList(1, args.length);

    // One sentence, greedy decoding.
    Translation first = translator.translate(sentences.get(0));
    System.out.println(first.text() + "\t" + first.logProbability());

    // Many sentences: batched internally, results in input order.
    for (Translation t : translator.translate(sentences)) {
      System.out.println(t.text());
    }

    // Sampling: three outputs per sentence, reproducible with the seed.
    DecodingOptions sampling = DecodingOptions.sampling(0.8, 10, 0.95, 42).withSamples(3);
    for (List<Translation> samples : translator.translateSamples(sentences, sampling)) {
      System.out.println(String.join(" | ", samples.stream().map(Translation::text).toList()));
    }

    // The same translator from several threads at once.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Translation>>> jobs = pool.invokeAll(List.of(
          () -> translator.translate(sentences), () -> translator.translate(sentences)));
      for (Future<List<Translation>> job : jobs) {
        System.out.println(job.get().size() + " translations");
      }
    } finally {
      pool.shutdown();
    }
  }
}
