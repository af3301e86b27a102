package org.nmt4j.spark.input;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;

/**
 * The provider behind {@link HadoopFiles}: reading a file as a stream ({@code FileSystem.open})
 * and its basic attributes ({@code getFileStatus}), Hadoop's errors turned into NIO's ({@link
 * NoSuchFileException}, {@link AccessDeniedException}). Writing is refused (read-only); random
 * access, directory listing and the other views are not offered. Not installed: its paths come
 * only from {@link HadoopFiles#path}.
 */
final class HadoopFileSystemProvider extends FileSystemProvider {
  @Override
  public String getScheme() {
    return "nmt4j-hadoop";
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    for (OpenOption o : options) {
      if (o != StandardOpenOption.READ) {
        throw new UnsupportedOperationException(o + " on a Hadoop path (read only)");
      }
    }
    HadoopPath p = HadoopPath.of(path);
    try {
      return p.getFileSystem().hadoop(p).open(p.hadoopPath());
    } catch (IOException e) {
      throw translate(p, e);
    }
  }

  /** The file's status, Hadoop's errors as NIO's. */
  private static FileStatus status(HadoopPath p) throws IOException {
    try {
      return p.getFileSystem().hadoop(p).getFileStatus(p.hadoopPath());
    } catch (IOException e) {
      throw translate(p, e);
    }
  }

  private static IOException translate(HadoopPath p, IOException e) {
    if (e instanceof FileNotFoundException) {
      NoSuchFileException n = new NoSuchFileException(p.toString());
      n.initCause(e);
      return n;
    }
    if (e instanceof org.apache.hadoop.security.AccessControlException) {
      AccessDeniedException a = new AccessDeniedException(p.toString(), null,
          "permission denied");
      a.initCause(e);
      return a;
    }
    return e;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type,
      LinkOption... options) throws IOException {
    if (!type.isAssignableFrom(HadoopFileAttributes.class)) {
      throw new UnsupportedOperationException(type.getSimpleName() + " of a Hadoop path");
    }
    return (A) new HadoopFileAttributes(status(HadoopPath.of(path)));
  }

  /** Read access is checked by asking for the status; write and execute are refused. */
  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    HadoopPath p = HadoopPath.of(path);
    status(p);
    for (AccessMode m : modes) {
      if (m != AccessMode.READ) {
        throw new AccessDeniedException(p.toString(), null, "read-only Hadoop view");
      }
    }
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    if (path.equals(path2)) {
      return true;
    }
    if (!(path2 instanceof HadoopPath)) {
      return false;
    }
    return path.toRealPath().toString().equals(path2.toRealPath().toString());
  }

  @Override
  public boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type,
      LinkOption... options) {
    return null;
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes,
      LinkOption... options) {
    throw new UnsupportedOperationException("attributes by name of a Hadoop path");
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
      FileAttribute<?>... attrs) {
    throw new UnsupportedOperationException("channels on Hadoop paths (read them as streams)");
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir,
      DirectoryStream.Filter<? super Path> filter) {
    throw new UnsupportedOperationException("listing Hadoop directories");
  }

  @Override
  public FileStore getFileStore(Path path) {
    throw new UnsupportedOperationException("file stores of Hadoop paths");
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void delete(Path path) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException("make a HadoopFiles from a Hadoop configuration");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new UnsupportedOperationException("make a HadoopFiles from a Hadoop configuration");
  }

  @Override
  public Path getPath(URI uri) {
    throw new UnsupportedOperationException("use HadoopFiles.path");
  }
}
