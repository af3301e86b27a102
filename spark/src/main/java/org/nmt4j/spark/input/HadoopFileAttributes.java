package org.nmt4j.spark.input;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.apache.hadoop.fs.FileStatus;

/**
 * The basic attributes of a file in a Hadoop file system, from its {@link FileStatus}: length,
 * modification and access time, kind. Object stores such as S3 report the time of the upload as
 * both modification and creation time.
 */
final class HadoopFileAttributes implements BasicFileAttributes {
  private final FileStatus status;

  HadoopFileAttributes(FileStatus status) {
    this.status = status;
  }

  @Override
  public FileTime lastModifiedTime() {
    return FileTime.fromMillis(status.getModificationTime());
  }

  @Override
  public FileTime lastAccessTime() {
    return FileTime.fromMillis(status.getAccessTime());
  }

  @Override
  public FileTime creationTime() {
    return lastModifiedTime();
  }

  @Override
  public boolean isRegularFile() {
    return status.isFile();
  }

  @Override
  public boolean isDirectory() {
    return status.isDirectory();
  }

  @Override
  public boolean isSymbolicLink() {
    return status.isSymlink();
  }

  @Override
  public boolean isOther() {
    return !status.isFile() && !status.isDirectory() && !status.isSymlink();
  }

  @Override
  public long size() {
    return status.getLen();
  }

  @Override
  public Object fileKey() {
    return null;
  }
}
