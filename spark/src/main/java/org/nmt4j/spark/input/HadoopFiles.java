package org.nmt4j.spark.input;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * A read-only NIO view of the Hadoop file systems of one Hadoop {@link Configuration} (Spark's
 * {@code hadoopConfiguration()} on a driver): its paths are Hadoop URIs ({@link HadoopPath}),
 * {@code Files.newInputStream}, {@code Files.size}, {@code Files.exists} and {@code
 * Files.getLastModifiedTime} go through Hadoop's {@code FileSystem} for the URI's scheme (its
 * cached instance, which this view never closes).
 */
public final class HadoopFiles extends FileSystem {
  private final HadoopFileSystemProvider provider = new HadoopFileSystemProvider();
  private final Configuration conf;

  /** @param conf the Hadoop configuration: file system implementations, credentials, defaults */
  public HadoopFiles(Configuration conf) {
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  /**
   * The path of a Hadoop URI.
   *
   * @param uri e.g. {@code hdfs://nn:8020/data/train.de}, {@code s3a://bucket/x.gz}, {@code
   *     file:///tmp/x}
   */
  public Path path(String uri) {
    return new HadoopPath(this, uri);
  }

  /**
   * Hadoop's file system for a path's URI (Hadoop's cache: the same instance Spark uses).
   *
   * @throws UnsupportedFileSystemException when no file system of the class path serves the
   *     scheme, or the configured class (such as {@code fs.s3a.impl} of Hadoop's defaults) is
   *     missing
   */
  org.apache.hadoop.fs.FileSystem hadoop(HadoopPath path) throws IOException {
    try {
      return org.apache.hadoop.fs.FileSystem.get(path.toUri(), conf);
    } catch (RuntimeException e) {
      // Configuration.getClass wraps a configured but absent class this way
      if (e.getCause() instanceof ClassNotFoundException missing) {
        UnsupportedFileSystemException u = new UnsupportedFileSystemException(
            "No FileSystem for scheme \"" + path.toUri().getScheme() + "\": "
                + missing.getMessage());
        u.initCause(e);
        throw u;
      }
      throw e;
    }
  }

  @Override
  public HadoopFileSystemProvider provider() {
    return provider;
  }

  /** Nothing to release: Hadoop's cached file systems are shared with Spark and stay open. */
  @Override
  public void close() {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of();
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic");
  }

  @Override
  public Path getPath(String first, String... more) {
    return new HadoopPath(this, more.length == 0 ? first
        : first + "/" + String.join("/", more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    throw new UnsupportedOperationException("path matchers on Hadoop paths");
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("user principals of Hadoop paths");
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("watching Hadoop paths");
  }
}
