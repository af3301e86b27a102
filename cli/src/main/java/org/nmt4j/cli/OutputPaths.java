package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Refuses a command line whose output would overwrite one of its inputs ({@code translate -i F
 * -o F}, {@code -o MODEL}): a bad command line, exit code 2, before anything is read or written.
 * Files are compared as the file system sees them ({@link Files#isSameFile}), so a symbolic or
 * hard link to an input counts as that input.
 */
public final class OutputPaths {
  private final CommandLine commandLine;
  private final Map<Path, String> inputs = new LinkedHashMap<>();

  private OutputPaths(CommandLine commandLine) {
    this.commandLine = commandLine;
  }

  /**
   * @param commandLine the command whose flags are checked
   * @return an empty set of inputs
   */
  public static OutputPaths of(CommandLine commandLine) {
    return new OutputPaths(commandLine);
  }

  /**
   * Adds an input file.
   *
   * @param flag the flag that named it, e.g. {@code -i}
   * @param file the file, or null when the flag was not given
   * @return this
   */
  public OutputPaths input(String flag, Path file) {
    if (file != null) {
      inputs.putIfAbsent(file, flag);
    }
    return this;
  }

  /**
   * Adds input files given by one flag.
   *
   * @param flag the flag that named them
   * @param files the files, or null
   * @return this
   */
  public OutputPaths inputs(String flag, Collection<Path> files) {
    if (files != null) {
      files.forEach(f -> input(flag, f));
    }
    return this;
  }

  /**
   * Checks that an output file is none of the inputs.
   *
   * @param flag the flag that named the output, e.g. {@code -o}
   * @param output the output file, or null when it was not given
   * @throws picocli.CommandLine.ParameterException naming both flags and the file
   */
  public void requireDistinct(String flag, Path output) {
    if (output == null || !Files.exists(output)) {
      return;
    }
    for (Map.Entry<Path, String> in : inputs.entrySet()) {
      if (same(output, in.getKey())) {
        FlagValues.require(commandLine, false, flag + " " + output + " is the same file as "
            + in.getValue() + " " + in.getKey() + ": writing it would destroy the input; "
            + "choose another output");
      }
    }
  }

  /**
   * Checks that none of the files a command writes into a directory is one of the inputs.
   *
   * @param flag the flag that named the directory, e.g. {@code --out-dir}
   * @param dir the output directory
   * @param names the names of the files written there
   */
  public void requireDistinctIn(String flag, Path dir, Collection<String> names) {
    for (String name : names) {
      requireDistinct(flag + " (" + name + ")", dir.resolve(name));
    }
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
