package org.nmt4j.translator.train;

import org.nmt4j.tokenization.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last N checkpoints of a run, kept beside {@code checkpoint.zip} as {@code
 * checkpoint-<step>.zip} (for checkpoint averaging). Each is a hard link to the checkpoint just
 * written (no copy: {@code checkpoint.zip} is later replaced by a rename, which leaves the link
 * with the old contents), or an atomic copy where links are not supported; older ones beyond N
 * are deleted.
 */
final class KeptCheckpoints {
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.zip");

  private KeptCheckpoints() {}

  /** The kept file name of the checkpoint of {@code step}. */
  static String fileName(long step) {
    return "checkpoint-" + step + ".zip";
  }

  /**
   * Keeps the checkpoint just written at {@code step} and deletes the oldest kept ones beyond
   * {@code count}.
   */
  static void keep(Path checkpoint, long step, int count) throws IOException {
    Path dir = checkpoint.toAbsolutePath().getParent();
    Path kept = dir.resolve(fileName(step));
    Files.deleteIfExists(kept);
    try {
      Files.createLink(kept, checkpoint);
    } catch (UnsupportedOperationException | FileAlreadyExistsException | SecurityException e) {
      copy(checkpoint, kept);
    } catch (IOException e) {
      // e.g. a file system without hard links
      copy(checkpoint, kept);
    }
    List<Long> steps = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoint-*.zip")) {
      for (Path f : files) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches()) {
          steps.add(Long.parseLong(m.group(1)));
        }
      }
    }
    steps.sort(null);
    for (int i = 0; i < steps.size() - count; i++) {
      Files.deleteIfExists(dir.resolve(fileName(steps.get(i))));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Path tmp = AtomicFiles.temporarySibling(to);
    boolean moved = false;
    try {
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.commit(tmp, to);
      moved = true;
    } finally {
      if (!moved) {
        AtomicFiles.discard(tmp);
      }
    }
  }
}
