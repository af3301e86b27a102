package org.nmt4j.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.tokenization.io.TextFileException;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * Corpus files named by URIs, read through Hadoop's {@code LocalFileSystem} ({@code file://}):
 * what the corpus readers and the run directory's record see, and the one-line errors.
 */
class CorpusInputsTest {
  private final CorpusInputs inputs = CorpusInputs.of(new Configuration());

  @Test
  void tellsUrisFromLocalNames() {
    assertTrue(CorpusInputs.isUri("hdfs://nn:8020/data/train.de"));
    assertTrue(CorpusInputs.isUri("s3a://bucket/train.en.gz"));
    assertTrue(CorpusInputs.isUri("file:///tmp/x"));
    assertTrue(CorpusInputs.isUri("file:/tmp/x"));
    assertFalse(CorpusInputs.isUri("/tmp/x"));
    assertFalse(CorpusInputs.isUri("data/train.de"));
    assertFalse(CorpusInputs.isUri("C:\\data\\x"));
    assertFalse(CorpusInputs.isUri("a:b.txt"));
    assertFalse(CorpusInputs.isUri(null));
    assertEquals(Path.of("/tmp/x y"), CorpusInputs.localFile("file:///tmp/x%20y"));
    assertEquals(Path.of("data/x"), CorpusInputs.localFile("data/x"));
    assertNull(CorpusInputs.localFile("hdfs://nn/x"));
    assertEquals(Path.of("data/x"), inputs.path("data/x"));
  }

  @Test
  void aFileUriReadsAsTheLocalFileGzippedOrNot(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("train.src");
    Files.writeString(src, "a b c\nd e\n");
    Path tgt = dir.resolve("train.tgt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgt))) {
      out.write("c b a\ne d\n".getBytes(StandardCharsets.UTF_8));
    }
    Path s = inputs.check("--train-src", src.toUri().toString());
    Path t = inputs.check("--train-tgt", tgt.toUri().toString());
    assertEquals(src.toUri().toString(), s.toString(), "kept as given");
    assertTrue(s.getFileSystem() instanceof HadoopFiles);
    assertEquals(Files.size(src), Files.size(s));
    assertEquals(Files.getLastModifiedTime(src).toMillis(),
        Files.getLastModifiedTime(s).toMillis());
    assertTrue(Files.exists(s));
    assertFalse(Files.isDirectory(s));
    assertEquals("file:" + src.toAbsolutePath(), s.toRealPath().toString());
    assertEquals("train.tgt.gz", t.getFileName().toString());
    assertEquals(List.of("c b a", "e d"), Utf8LineReader.readAll(t,
        Utf8LineReader.LineEnding.TEXT));

    List<SentencePair> pairs = new ArrayList<>();
    try (ParallelCorpusReader r = CorpusSpec.aligned(s, t).open()) {
      r.forEachRemaining(pairs::add);
    }
    assertEquals(2, pairs.size());
    assertEquals("d e", pairs.get(1).source());
    assertEquals("e d", pairs.get(1).target());

    Path missing = inputs.path(dir.resolve("gone.src").toUri().toString());
    assertFalse(Files.exists(missing));
    TextFileException e = assertThrows(TextFileException.class,
        () -> Utf8LineReader.readAll(missing, Utf8LineReader.LineEnding.TEXT));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void aMissingFileOrADirectoryIsBadInputNamingTheFlag(@TempDir Path dir) {
    String gone = dir.resolve("gone.de").toUri().toString();
    FileNotFoundException missing = assertThrows(FileNotFoundException.class,
        () -> inputs.check("--valid-src", gone));
    assertEquals("--valid-src " + gone + ": no such file", missing.getMessage());
    IOException directory = assertThrows(IOException.class,
        () -> inputs.check("--train-src", dir.toUri().toString()));
    assertTrue(directory.getMessage().startsWith("--train-src " + dir.toUri() + ": is a "
        + "directory"), directory.getMessage());
  }

  @Test
  void aSchemeWithoutAHadoopFileSystemSaysWhatToAdd() {
    IllegalArgumentException s3a = assertThrows(IllegalArgumentException.class,
        () -> inputs.check("--train-src", "s3a://bucket/corpus/train.de.gz"));
    assertEquals("--train-src s3a://bucket/corpus/train.de.gz: no Hadoop FileSystem for the "
        + "scheme 's3a' on the class path; add Hadoop's S3A connector of Spark's Hadoop version, "
        + "e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:"
        + org.apache.hadoop.util.VersionInfo.getVersion(), s3a.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> inputs.check("--tsv", "nosuch://host/x.tsv"));
    assertTrue(other.getMessage().startsWith("--tsv nosuch://host/x.tsv: no Hadoop FileSystem "
        + "for the scheme 'nosuch' on the class path; add a jar"), other.getMessage());
  }
}
