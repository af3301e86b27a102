package org.nmt4j.cli.serve;

import java.nio.file.Path;

/**
 * One {@code -m} value of {@code nmt4j serve}: {@code NAME=FILE}, or a bare {@code FILE} named
 * after itself ({@code runs/de-en/model.nmt4j} is {@code de-en}: a file called {@code model}
 * takes its folder's name; {@code en-de.nmt4j} is {@code en-de}).
 *
 * @param name the name clients use
 * @param file the model file
 */
record ModelArgument(String name, Path file) {

  /**
   * @param value the option's value
   * @return the name and the file
   */
  static ModelArgument parse(String value) {
    int eq = value.indexOf('=');
    if (eq > 0) {
      return new ModelArgument(value.substring(0, eq), Path.of(value.substring(eq + 1)));
    }
    Path file = Path.of(value);
    String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    if (stem.equals("model") && file.toAbsolutePath().getParent() != null
        && file.toAbsolutePath().getParent().getFileName() != null) {
      stem = file.toAbsolutePath().getParent().getFileName().toString();
    }
    return new ModelArgument(stem, file);
  }
}
