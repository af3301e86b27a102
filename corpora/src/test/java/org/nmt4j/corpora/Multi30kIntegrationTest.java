package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchIterator;
import org.nmt4j.corpora.batch.Batcher;
import org.nmt4j.corpora.batch.CorpusPairSource;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.corpora.batch.PairSource;
import org.nmt4j.tokenization.TokenCounts;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.Vocabulary;

/**
 * Multi30k de-en through the whole module with the real tokenizers and vocabularies: read and
 * check train and val, filter, encode, batch for two epochs, and make sure that every pair read
 * is either in exactly one batch per epoch or counted as a filter drop.
 */
class Multi30kIntegrationTest {

  private static Path data;

  @TempDir Path tmp;

  @BeforeAll
  static void locate() {
    String shared = System.getProperty("nmt4j.shared.dir", "../../shared");
    data = Path.of(shared, "corpora", "multi30k");
  }

  /** Per test, not in @BeforeAll: there an assumption hides the tests instead of skipping them. */
  @BeforeEach
  void requireCorpus() {
    Assumptions.assumeTrue(Files.isRegularFile(data.resolve("train.de")),
        "Multi30k not found at " + data.toAbsolutePath().normalize() + ": skipping");
  }

  private static final Tokenizer DE = Tokenizers.create("lucene,lang=de");
  private static final Tokenizer EN = Tokenizers.create("lucene,lang=en");

  private static FilterChain chain() {
    return FilterChain.of(
        FilterConfig.defaults().withMaxTokens(40, 40).withMaxLengthRatio(3).withDropDuplicates(true),
        DE::tokenize, EN::tokenize);
  }

  @Test
  void trainAndValidReadFilteredAndBatchedWithoutLosingAPair() {
    for (String split : List.of("train", "val")) {
      CorpusSpec spec = CorpusSpec.aligned(data.resolve(split + ".de"), data.resolve(split + ".en"));
      long t0 = System.nanoTime();
      TokenCounts de = new TokenCounts();
      TokenCounts en = new TokenCounts();
      FilterChain counting = chain();
      List<EncodedPair> encoded = new ArrayList<>();
      CorpusReport report;
      try (ParallelCorpusReader reader = spec.open()) {
        // the report's pass also collects the vocabulary counts from the kept pairs
        ParallelCorpusReader tee = new CountingReader(reader, counting, de, en);
        report = CorpusCheck.run(tee, spec.describe(), chain());
      }
      long lines = split.equals("train") ? 29_000 : 1_014;
      assertEquals(lines, report.read(), split);
      assertEquals(report.read(), report.kept() + report.dropped());
      assertEquals(report.kept(), counting.kept());
      assertTrue(report.kept() > lines * 0.97, report.format());
      System.out.printf("Multi30k %s de-en (lucene tokenizers): %.1f s%n%s",
          split, (System.nanoTime() - t0) / 1e9, report.format());

      Vocabulary vde = Vocabulary.build(de.asMap(), 1, Vocabulary.UNLIMITED);
      Vocabulary ven = Vocabulary.build(en.asMap(), 1, Vocabulary.UNLIMITED);
      Supplier<FilterChain> fresh = Multi30kIntegrationTest::chain;
      PairSource streaming = new CorpusPairSource(spec, fresh, vde::encode, ven::encode);
      try (var s = streaming.open(false, 0)) {
        s.forEach(encoded::add);
      }
      assertEquals(report.kept(), encoded.size());

      Batcher batcher = new Batcher(BatchConfig.tokens(2000, 17));
      for (int epoch = 0; epoch < 2; epoch++) {
        int[] seen = new int[encoded.size()];
        long batches = 0;
        try (BatchIterator it = batcher.epoch(streaming, epoch)) {
          while (it.hasNext()) {
            Batch b = it.next();
            batches++;
            assertTrue(b.size() == 1
                || (long) b.size() * Math.max(b.sourceLength(), b.targetLength()) <= 2000);
            for (int row = 0; row < b.size(); row++) {
              int i = (int) b.indices()[row];
              seen[i]++;
              EncodedPair p = encoded.get(i);
              assertArrayEquals(p.source(),
                  Arrays.copyOf(b.source()[row], b.sourceLengths()[row] - 1));
              assertArrayEquals(p.target(),
                  Arrays.copyOf(b.targetOutput()[row], b.targetLengths()[row] - 1));
              // built from the pair's own tokens, so no token is unknown
              assertTrue(Arrays.stream(p.source()).allMatch(id -> id >= 4));
            }
          }
        }
        for (int i = 0; i < seen.length; i++) {
          assertEquals(1, seen[i], split + " pair " + i + " in epoch " + epoch);
        }
        System.out.printf("  epoch %d: %d batches of <= 2000 padded tokens%n", epoch, batches);
      }
    }
  }

  @Test
  void gzippedCopyReadsTheSame() throws IOException {
    Path gz = tmp.resolve("val.de.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(data.resolve("val.de"), out);
    }
    List<SentencePair> plain =
        TestFiles.readAll(CorpusSpec.aligned(data.resolve("val.de"), data.resolve("val.en")).open());
    List<SentencePair> packed =
        TestFiles.readAll(CorpusSpec.aligned(gz, data.resolve("val.en")).open());
    assertEquals(1014, plain.size());
    for (int i = 0; i < plain.size(); i++) {
      assertEquals(plain.get(i).source(), packed.get(i).source());
      assertEquals(plain.get(i).target(), packed.get(i).target());
    }
    // val.fr and val.en pair up too, and a test file against a train file does not
    Path valFr = data.resolve("val.fr");
    Path testEn = data.resolve("test_2016_flickr.en");
    TestFiles.assertCorpusError("line counts differ: " + valFr + " has 1014 lines, " + testEn
            + " has 1000 lines",
        () -> TestFiles.readAll(CorpusSpec.aligned(valFr, testEn).open()));
  }

  /** Passes pairs through while adding the kept pairs' tokens to the counts. */
  private static final class CountingReader implements ParallelCorpusReader {
    private final ParallelCorpusReader in;
    private final FilterChain chain;
    private final TokenCounts de;
    private final TokenCounts en;

    CountingReader(ParallelCorpusReader in, FilterChain chain, TokenCounts de, TokenCounts en) {
      this.in = in;
      this.chain = chain;
      this.de = de;
      this.en = en;
    }

    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public SentencePair next() {
      SentencePair p = in.next();
      FilteredPair f = chain.apply(p);
      if (f.kept()) {
        de.addAll(f.sourceTokens());
        en.addAll(f.targetTokens());
      }
      return p;
    }

    @Override
    public void close() {
      in.close();
    }
  }
}
