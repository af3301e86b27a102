package org.nmt4j.corpora;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.nmt4j.corpora.read.LanguageMatcher;

/**
 * Where a parallel corpus is and how to read it; {@link #open()} picks the reader.
 *
 * <p>Build one with {@link #aligned}, {@link #tsv} or {@link #tmx}; the canonical constructor
 * validates the combination and its messages name the command-line options ({@code --src},
 * {@code --tgt}, {@code --tsv}, {@code --tsv-columns}, {@code --tmx}, {@code --src-lang}, {@code
 * --tgt-lang}).
 *
 * @param format the file format
 * @param file the source-language file ({@link CorpusFormat#ALIGNED}) or the single corpus file
 *     ({@link CorpusFormat#TSV}, {@link CorpusFormat#TMX})
 * @param targetFile the target-language file for {@link CorpusFormat#ALIGNED}; null otherwise
 * @param sourceColumn TSV only: 1-based column of the source sentence (default 1), else 0
 * @param targetColumn TSV only: 1-based column of the target sentence (default 2), else 0
 * @param sourceLanguage TMX only: source language code such as {@code de}; null otherwise
 * @param targetLanguage TMX only: target language code such as {@code en}; null otherwise
 */
public record CorpusSpec(
    CorpusFormat format,
    Path file,
    Path targetFile,
    int sourceColumn,
    int targetColumn,
    String sourceLanguage,
    String targetLanguage) {

  /** Validates the fields for the format. */
  public CorpusSpec {
    Objects.requireNonNull(format, "format");
    switch (format) {
      case ALIGNED -> {
        require(file != null, "--src is required");
        require(targetFile != null, "--tgt is required with --src");
        require(sourceColumn == 0 && targetColumn == 0, "--tsv-columns only applies to --tsv");
        require(sourceLanguage == null && targetLanguage == null,
            "--src-lang and --tgt-lang only apply to --tmx");
      }
      case TSV -> {
        require(file != null, "--tsv needs a file");
        require(targetFile == null, "--tsv takes one file; --tgt is for aligned files");
        require(sourceColumn >= 1 && targetColumn >= 1 && sourceColumn != targetColumn,
            "--tsv-columns must be two different column numbers >= 1, got "
                + sourceColumn + "," + targetColumn);
        require(sourceLanguage == null && targetLanguage == null,
            "--src-lang and --tgt-lang only apply to --tmx");
      }
      case TMX -> {
        require(file != null, "--tmx needs a file");
        require(targetFile == null, "--tmx takes one file; --tgt is for aligned files");
        require(sourceColumn == 0 && targetColumn == 0, "--tsv-columns only applies to --tsv");
        require(sourceLanguage != null && !sourceLanguage.isBlank(),
            "--src-lang is required with --tmx");
        require(targetLanguage != null && !targetLanguage.isBlank(),
            "--tgt-lang is required with --tmx");
        require(!LanguageMatcher.normalize(sourceLanguage)
                .equals(LanguageMatcher.normalize(targetLanguage)),
            "--src-lang and --tgt-lang must differ, both are '" + sourceLanguage + "'");
      }
      default -> throw new IllegalStateException("unknown format " + format);
    }
  }

  /**
   * Two line-aligned plain-text files.
   *
   * @param source the source-language file
   * @param target the target-language file
   */
  public static CorpusSpec aligned(Path source, Path target) {
    return new CorpusSpec(CorpusFormat.ALIGNED, source, target, 0, 0, null, null);
  }

  /** A TSV file with the source in column 1 and the target in column 2. */
  public static CorpusSpec tsv(Path file) {
    return tsv(file, 1, 2);
  }

  /**
   * A TSV file with chosen columns; other columns are ignored.
   *
   * @param file the file
   * @param sourceColumn 1-based source column
   * @param targetColumn 1-based target column
   */
  public static CorpusSpec tsv(Path file, int sourceColumn, int targetColumn) {
    return new CorpusSpec(CorpusFormat.TSV, file, null, sourceColumn, targetColumn, null, null);
  }

  /**
   * A TMX file and the two languages to take from it.
   *
   * @param file the file
   * @param sourceLanguage e.g. {@code de}; matches {@code de}, {@code DE}, {@code de-AT}
   * @param targetLanguage e.g. {@code en-US}; matches only that variant
   */
  public static CorpusSpec tmx(Path file, String sourceLanguage, String targetLanguage) {
    return new CorpusSpec(CorpusFormat.TMX, file, null, 0, 0, sourceLanguage, targetLanguage);
  }

  /**
   * Guesses the format of a single corpus file from its name ({@code .tsv}, {@code .tmx}, each
   * optionally followed by {@code .gz}).
   *
   * @param file a TSV or TMX file
   * @param sourceLanguage for TMX, else ignored
   * @param targetLanguage for TMX, else ignored
   * @return a spec with default TSV columns, or the TMX languages
   * @throws IllegalArgumentException if the name says neither
   */
  public static CorpusSpec ofFile(Path file, String sourceLanguage, String targetLanguage) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".tsv")) {
      return tsv(file);
    }
    if (name.endsWith(".tmx")) {
      return tmx(file, sourceLanguage, targetLanguage);
    }
    throw new IllegalArgumentException(
        file + ": cannot tell the corpus format from the name (expected .tsv or .tmx, "
            + "optionally .gz); use --tsv or --tmx");
  }

  /**
   * Opens the reader for this format.
   *
   * @return a streaming reader; the caller closes it
   * @throws CorpusException if a file cannot be opened
   */
  public ParallelCorpusReader open() {
    return CorpusReaders.open(this);
  }

  /** A short description for reports, e.g. {@code train.de + train.en} or {@code x.tmx (de-en)}. */
  public String describe() {
    return switch (format) {
      case ALIGNED -> file + " + " + targetFile;
      case TSV -> file + " (columns " + sourceColumn + "," + targetColumn + ")";
      case TMX -> file + " (" + sourceLanguage + " -> " + targetLanguage + ")";
    };
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
