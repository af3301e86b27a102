package org.nmt4j.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -m} value of {@code nmt4j serve}: {@code NAME=FILE}, or a bare {@code FILE} named
 * after itself ({@code runs/de-en/model.nmt4j} is {@code de-en}: a file called {@code model}
 * takes its folder's name; {@code en-de.nmt4j} is {@code en-de}). Several files separated by
 * commas ({@code NAME=A,B}) are served as one ensemble under one name (named after the first
 * file when no name is given).
 *
 * @param name the name clients use
 * @param files the model file, or the ensemble's files; at least one
 */
record ModelArgument(String name, List<Path> files) {

  /** Copies the list; at least one file. */
  ModelArgument {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("-m " + name + ": no model file");
    }
  }

  /**
   * @param value the option's value
   * @return the name and the files
   */
  static ModelArgument parse(String value) {
    int eq = value.indexOf('=');
    String list = eq > 0 ? value.substring(eq + 1) : value;
    List<Path> files = new ArrayList<>();
    for (String f : list.split(",", -1)) {
      if (f.isBlank()) {
        throw new IllegalArgumentException("-m " + value + ": an empty file name in the list");
      }
      files.add(Path.of(f));
    }
    if (eq > 0) {
      return new ModelArgument(value.substring(0, eq), files);
    }
    Path file = files.get(0);
    String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    if (stem.equals("model") && file.toAbsolutePath().getParent() != null
        && file.toAbsolutePath().getParent().getFileName() != null) {
      stem = file.toAbsolutePath().getParent().getFileName().toString();
    }
    return new ModelArgument(stem, files);
  }
}
