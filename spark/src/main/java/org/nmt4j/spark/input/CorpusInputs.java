package org.nmt4j.spark.input;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * The files a training command reads, by the names it was given: a name with a URI scheme ({@code
 * hdfs://nn/data/train.de}, {@code s3a://bucket/train.en.gz}, {@code file:///data/x}) is a
 * {@link HadoopFiles} path, read through Hadoop's {@code FileSystem} for its scheme; any other
 * name is a local path, exactly as before.
 *
 * <p>Why Hadoop's {@code FileSystem} on the driver and not {@code sc.textFile}: the driver needs
 * the whole corpus in order anyway (cleaning, filtering, BPE and vocabularies are learnt from it,
 * the encoded cache is written to the run directory, pair i goes to shard i mod N, BLEU reads the
 * raw validation text), and two aligned files read as RDDs would have to be joined by line number
 * (a shuffle of the whole corpus) only to be collected back. {@code FileSystem.open} streams the
 * same bytes with no job, through Spark's own Hadoop client and configuration (credentials, {@code
 * spark.hadoop.*} settings), and gzip is recognised as for local files.
 */
public final class CorpusInputs {
  /** A URI scheme of two or more characters followed by {@code :/} (so not {@code C:\}). */
  private static final Pattern URI_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

  private final Supplier<Configuration> configuration;
  private HadoopFiles files;

  private CorpusInputs(Supplier<Configuration> configuration) {
    this.configuration = configuration;
  }

  /**
   * URIs read with a Spark context's Hadoop configuration ({@code sc.hadoopConfiguration()}).
   *
   * @param conf the configuration
   */
  public static CorpusInputs of(Configuration conf) {
    return new CorpusInputs(() -> conf);
  }

  /**
   * URIs read without Spark (single-machine training): Hadoop's defaults and the {@code
   * core-site.xml} on the class path, made only when a URI is first used.
   */
  public static CorpusInputs standalone() {
    return new CorpusInputs(Configuration::new);
  }

  /** Whether {@code name} is a URI with a scheme, such as {@code hdfs://nn/x} or {@code file:/x}. */
  public static boolean isUri(String name) {
    return name != null && URI_NAME.matcher(name).matches();
  }

  /**
   * The local file a name denotes, for checks against the files a command writes: the name
   * itself, the file of a {@code file:} URI, or null for a URI of any other scheme.
   */
  public static Path localFile(String name) {
    if (!isUri(name)) {
      return Path.of(name);
    }
    if (!name.regionMatches(true, 0, "file:", 0, 5)) {
      return null;
    }
    try {
      return Path.of(new URI(name).getPath());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** The path of a name: a Hadoop path for a URI, else a local path. */
  public Path path(String name) {
    return isUri(name) ? hadoopFiles().path(name) : Path.of(name);
  }

  private synchronized HadoopFiles hadoopFiles() {
    if (files == null) {
      files = new HadoopFiles(configuration.get());
    }
    return files;
  }

  /**
   * The path of a name given by {@code flag}, a URI checked to be a readable file first; a local
   * name is returned unchecked (the corpus readers report a missing local file as before).
   *
   * @param flag the option that named it, e.g. {@code --train-src}
   * @param name the name as given
   * @throws IllegalArgumentException when no Hadoop file system on the class path serves the
   *     URI's scheme or it is no URI Hadoop accepts (a bad command line)
   * @throws IOException when the file does not exist, is a directory or cannot be reached; the
   *     message names the flag and the URI
   */
  public Path check(String flag, String name) throws IOException {
    if (!isUri(name)) {
      return Path.of(name);
    }
    Path p;
    try {
      p = path(name);
      p.toUri();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + name + ": not a valid URI ("
          + e.getMessage() + ")", e);
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (UnsupportedFileSystemException e) {
      throw new IllegalArgumentException(flag + " " + name + ": " + unsupported(name), e);
    } catch (NoClassDefFoundError e) {
      // a connector without the libraries it needs, e.g. hadoop-aws without the AWS SDK
      throw new IllegalArgumentException(flag + " " + name + ": the Hadoop FileSystem for its "
          + "scheme lacks a class (" + e.getMessage() + "); add the connector's dependencies "
          + "too (spark-submit --packages resolves them)", e);
    } catch (NoSuchFileException e) {
      throw (IOException) new FileNotFoundException(flag + " " + name + ": no such file")
          .initCause(e);
    } catch (IOException e) {
      throw new IOException(flag + " " + name + ": cannot read it through Hadoop: "
          + firstLine(e), e);
    }
    if (a.isDirectory()) {
      throw new IOException(flag + " " + name + ": is a directory; give the file (one "
          + "corpus side per file, .gz ok)");
    }
    return p;
  }

  /** What to add for a scheme without a Hadoop file system on the class path. */
  static String unsupported(String name) {
    String scheme = name.substring(0, name.indexOf(':')).toLowerCase(Locale.ROOT);
    String version = org.apache.hadoop.util.VersionInfo.getVersion();
    String what = "no Hadoop FileSystem for the scheme '" + scheme + "' on the class path; ";
    return what + switch (scheme) {
      case "s3a" -> "add Hadoop's S3A connector of Spark's Hadoop version, e.g. spark-submit "
          + "--packages org.apache.hadoop:hadoop-aws:" + version;
      case "s3", "s3n" -> "Hadoop reads S3 as s3a://BUCKET/KEY (with spark-submit --packages "
          + "org.apache.hadoop:hadoop-aws:" + version + ")";
      case "abfs", "abfss", "wasb", "wasbs" -> "add Hadoop's Azure connector, e.g. spark-submit "
          + "--packages org.apache.hadoop:hadoop-azure:" + version;
      case "gs" -> "add Google's Cloud Storage connector for Hadoop 3 (com.google.cloud."
          + "bigdataoss:gcs-connector) with spark-submit --packages or --jars";
      case "oss" -> "add Hadoop's Aliyun connector, e.g. spark-submit --packages "
          + "org.apache.hadoop:hadoop-aliyun:" + version;
      default -> "add a jar with a Hadoop FileSystem for it (spark-submit --jars or "
          + "--packages; Spark's Hadoop is " + version + ") or set fs." + scheme + ".impl";
    };
  }

  private static String firstLine(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
