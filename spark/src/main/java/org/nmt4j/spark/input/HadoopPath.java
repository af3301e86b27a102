package org.nmt4j.spark.input;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

/**
 * A path of {@link HadoopFiles}: a Hadoop URI such as {@code hdfs://nn:8020/data/train.de.gz}
 * (absolute), or a bare name or name sequence (relative, such as what {@link #getFileName}
 * returns). Its {@link #toString} is the text it was made from, so a corpus named by a URI is
 * reported, saved in {@code config.yaml} and fingerprinted as the user wrote it; {@link
 * #toRealPath} is the URI qualified by its Hadoop file system (default authority filled in).
 */
final class HadoopPath implements Path {
  private final HadoopFiles fs;
  private final String text;

  HadoopPath(HadoopFiles fs, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty Hadoop path");
    }
    this.fs = fs;
    this.text = text;
  }

  /** The path in Hadoop's terms. */
  org.apache.hadoop.fs.Path hadoopPath() {
    return new org.apache.hadoop.fs.Path(text);
  }

  private List<String> segments() {
    List<String> out = new ArrayList<>();
    String p = toUri().getPath();
    for (String s : p == null ? new String[0] : p.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private HadoopPath relative(List<String> names) {
    return new HadoopPath(fs, String.join("/", names));
  }

  @Override
  public HadoopFiles getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return toUri().getScheme() != null;
  }

  @Override
  public Path getRoot() {
    if (!isAbsolute()) {
      return null;
    }
    URI u = toUri();
    return new HadoopPath(fs, u.getScheme() + "://"
        + (u.getRawAuthority() == null ? "" : u.getRawAuthority()) + "/");
  }

  @Override
  public Path getFileName() {
    List<String> s = segments();
    return s.isEmpty() ? null : relative(s.subList(s.size() - 1, s.size()));
  }

  @Override
  public Path getParent() {
    org.apache.hadoop.fs.Path parent = hadoopPath().getParent();
    return parent == null ? null : new HadoopPath(fs, parent.toString());
  }

  @Override
  public int getNameCount() {
    return segments().size();
  }

  @Override
  public Path getName(int index) {
    return subpath(index, index + 1);
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    List<String> s = segments();
    if (beginIndex < 0 || endIndex > s.size() || beginIndex >= endIndex) {
      throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") of "
          + text);
    }
    return relative(s.subList(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    HadoopPath o = of(other);
    if (o.isAbsolute() != isAbsolute() || !java.util.Objects.equals(o.getRoot(), getRoot())) {
      return false;
    }
    List<String> mine = segments();
    List<String> theirs = o.segments();
    return theirs.size() <= mine.size() && mine.subList(0, theirs.size()).equals(theirs);
  }

  @Override
  public boolean endsWith(Path other) {
    HadoopPath o = of(other);
    if (o.isAbsolute()) {
      return equals(o);
    }
    List<String> mine = segments();
    List<String> theirs = o.segments();
    return theirs.size() <= mine.size()
        && mine.subList(mine.size() - theirs.size(), mine.size()).equals(theirs);
  }

  @Override
  public Path normalize() {
    return new HadoopPath(fs, hadoopPath().toString());
  }

  @Override
  public Path resolve(Path other) {
    HadoopPath o = of(other);
    if (o.isAbsolute()) {
      return o;
    }
    return new HadoopPath(fs, new org.apache.hadoop.fs.Path(hadoopPath(), o.text).toString());
  }

  @Override
  public Path relativize(Path other) {
    throw new UnsupportedOperationException("relativize of Hadoop paths (" + text + ")");
  }

  @Override
  public URI toUri() {
    return hadoopPath().toUri();
  }

  @Override
  public Path toAbsolutePath() {
    if (!isAbsolute()) {
      throw new UnsupportedOperationException(text + " is not a URI with a scheme");
    }
    return this;
  }

  /**
   * The URI qualified by its file system, e.g. {@code hdfs://nn:8020/data/x} for {@code
   * hdfs:///data/x}.
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist
   */
  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    fs.provider().checkAccess(this);
    return new HadoopPath(fs, fs.hadoop(this).makeQualified(hadoopPath()).toString());
  }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events,
      WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("watching Hadoop paths");
  }

  @Override
  public int compareTo(Path other) {
    return text.compareTo(of(other).text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HadoopPath p && p.fs == fs && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** The path as one of these. */
  static HadoopPath of(Path p) {
    if (p instanceof HadoopPath h) {
      return h;
    }
    throw new ProviderMismatchException(p + " is not a Hadoop path");
  }
}
