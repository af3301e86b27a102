package org.nmt4j.corpora.toy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The generated tasks, with their command-line names. */
public enum ToyTask {
  /** Target = source, for random token strings. */
  COPY("copy"),
  /** Target = source reversed token by token, for random token strings. */
  REVERSE("reverse"),
  /** A number in English words to the same number in French words. */
  NUMBERS_EN_FR("numbers-en-fr"),
  /** A number in French words to the same number in English words. */
  NUMBERS_FR_EN("numbers-fr-en");

  private final String cliName;

  ToyTask(String cliName) {
    this.cliName = cliName;
  }

  /** The name used with {@code --task}, e.g. {@code numbers-en-fr}. */
  public String cliName() {
    return cliName;
  }

  /** Whether the task spells numbers (rather than random token strings). */
  public boolean isNumbers() {
    return this == NUMBERS_EN_FR || this == NUMBERS_FR_EN;
  }

  /**
   * @param name a task name as given to {@code --task}, case-insensitive
   * @throws IllegalArgumentException naming the valid values
   */
  public static ToyTask fromName(String name) {
    for (ToyTask t : values()) {
      if (t.cliName.equalsIgnoreCase(name == null ? "" : name.strip())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "--task must be one of "
            + Arrays.stream(values()).map(ToyTask::cliName).collect(Collectors.joining(", "))
            + ", got '" + name + "'");
  }
}
