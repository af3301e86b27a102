package org.nmt4j.corpora;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nmt4j.tokenization.io.AtomicFiles;

/**
 * Writes sentence pairs as two line-aligned UTF-8 files {@code STEM.src} and {@code STEM.tgt},
 * atomically: lines go to temporary files in the same directory, and only {@link #commit()} moves
 * them to their names. Closing without committing deletes the temporary files, so a failed run
 * never leaves a half-written corpus under the final names.
 *
 * <p>A sentence containing a line break cannot be written as one line without changing it, so it
 * is an error rather than being repaired.
 */
public final class AlignedCorpusWriter implements AutoCloseable {

  private final Path sourceFile;
  private final Path targetFile;
  private final Path sourceTemp;
  private final Path targetTemp;
  private final Writer source;
  private final Writer target;
  private final boolean gzip;
  private long lines;
  private boolean committed;
  private boolean closed;

  /**
   * Starts writing {@code dir/stem.src} and {@code dir/stem.tgt}; creates {@code dir} if needed.
   *
   * @param dir the output directory
   * @param stem the file name without extension, e.g. {@code train}
   * @throws CorpusException if the directory or the temporary files cannot be created
   */
  public AlignedCorpusWriter(Path dir, String stem) {
    this(dir, stem, false);
  }

  /**
   * Starts writing {@code dir/stem.src} and {@code dir/stem.tgt}, gzipped as {@code
   * stem.src.gz} and {@code stem.tgt.gz} when asked; creates {@code dir} if needed.
   *
   * @param dir the output directory
   * @param stem the file name without extension, e.g. {@code train}
   * @param gzip compress with gzip
   * @throws CorpusException if the directory or the temporary files cannot be created
   */
  public AlignedCorpusWriter(Path dir, String stem, boolean gzip) {
    this.gzip = gzip;
    String ext = gzip ? ".gz" : "";
    this.sourceFile = dir.resolve(stem + ".src" + ext);
    this.targetFile = dir.resolve(stem + ".tgt" + ext);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CorpusException(dir + ": exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
      this.sourceTemp = AtomicFiles.temporarySibling(sourceFile);
      this.targetTemp = AtomicFiles.temporarySibling(targetFile);
      this.source = open(sourceTemp);
      this.target = open(targetTemp);
    } catch (IOException e) {
      throw new CorpusException(dir + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** The final source file ({@code dir/stem.src}). */
  public Path sourceFile() {
    return sourceFile;
  }

  /** The final target file ({@code dir/stem.tgt}). */
  public Path targetFile() {
    return targetFile;
  }

  /** Pairs written so far. */
  public long lines() {
    return lines;
  }

  /**
   * Writes one pair as one line in each file.
   *
   * @param pair the pair; its origin names it if it holds a line break
   */
  public void write(SentencePair pair) {
    write(pair.source(), pair.target(), pair.origin());
  }

  /**
   * Writes one pair as one line in each file.
   *
   * @param sourceSentence the source line (no line breaks)
   * @param targetSentence the target line (no line breaks)
   */
  public void write(String sourceSentence, String targetSentence) {
    write(sourceSentence, targetSentence, sourceFile + ":" + (lines + 1));
  }

  private void write(String s, String t, String origin) {
    if (hasLineBreak(s) || hasLineBreak(t)) {
      throw new CorpusException(
          origin + ": sentence contains a line break and cannot be written as one line of "
              + sourceFile.getFileName() + "/" + targetFile.getFileName());
    }
    try {
      source.write(s);
      source.write('\n');
      target.write(t);
      target.write('\n');
      lines++;
    } catch (IOException e) {
      throw new CorpusException(sourceFile + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Flushes both files and moves them to their final names. */
  public void commit() {
    try {
      source.close();
      target.close();
      AtomicFiles.commit(sourceTemp, sourceFile);
      AtomicFiles.commit(targetTemp, targetFile);
      committed = true;
    } catch (IOException e) {
      throw new CorpusException(sourceFile + ": cannot write: " + e.getMessage(), e);
    } finally {
      close();
    }
  }

  /** Deletes the temporary files unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      source.close();
      target.close();
    } catch (IOException e) {
      // the files are deleted below unless committed, and a committed pair is already closed
    }
    if (!committed) {
      AtomicFiles.discard(sourceTemp);
      AtomicFiles.discard(targetTemp);
    }
  }

  private Writer open(Path p) throws IOException {
    java.io.OutputStream out = AtomicFiles.openTemporary(p);
    if (gzip) {
      out = new java.util.zip.GZIPOutputStream(out, 1 << 16);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
  }
}
