package org.nmt4j.translator.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.corpora.CorpusSpec;

/**
 * One training corpus of the {@code data.train} list: exactly one of two aligned files ({@code
 * src} and {@code tgt}), a TSV file ({@code tsv}, optionally {@code tsv-columns: "2,3"}) or a TMX
 * file ({@code tmx}; languages {@code src-lang}/{@code tgt-lang}, by default {@code
 * data.source-lang}/{@code data.target-lang}), any of them gzipped, and its sampling {@code
 * weight} (see {@code WeightedPairSource}; 1 when not given).
 *
 * <p>On the command line ({@code --train}, repeatable) the same corpus is written as files and
 * {@code key=value} items separated by commas: {@code a.de,a.en}, {@code b.tsv.gz,weight=3},
 * {@code c.tsv,columns=2:3}, {@code d.tmx,src-lang=de,tgt-lang=en,weight=0.5} ({@link #parse}).
 *
 * @param src aligned source file, or null
 * @param tgt aligned target file, or null
 * @param tsv TSV file, or null
 * @param tsvColumns TSV columns as {@code S,T} (1-based), or null for 1,2
 * @param tmx TMX file, or null
 * @param srcLang TMX source language, or null for {@code data.source-lang}
 * @param tgtLang TMX target language, or null for {@code data.target-lang}
 * @param weight sampling weight (> 0), or null for 1
 */
public record CorpusConfig(String src, String tgt, String tsv, String tsvColumns, String tmx,
    String srcLang, String tgtLang, Double weight) {

  /** Checks that exactly one form is given and the weight is positive. */
  public CorpusConfig {
    int forms = (src != null || tgt != null ? 1 : 0) + (tsv != null ? 1 : 0) + (tmx != null ? 1 : 0);
    if (forms != 1) {
      throw new IllegalArgumentException("data.train: each corpus needs exactly one of src+tgt, "
          + "tsv or tmx, got " + describeFields(src, tgt, tsv, tmx));
    }
    if ((src == null) != (tgt == null)) {
      throw new IllegalArgumentException("data.train: src and tgt must be given together");
    }
    if (tsvColumns != null && tsv == null) {
      throw new IllegalArgumentException("data.train: tsv-columns only applies to tsv");
    }
    if (tsvColumns != null) {
      columns(tsvColumns);
    }
    if ((srcLang != null || tgtLang != null) && tmx == null) {
      throw new IllegalArgumentException("data.train: src-lang and tgt-lang only apply to tmx");
    }
    if (weight != null && (!(weight > 0) || weight.isInfinite())) {
      throw new IllegalArgumentException("data.train: weight must be a number > 0, got " + weight);
    }
  }

  /** Two aligned files with weight 1. */
  public static CorpusConfig aligned(Path src, Path tgt) {
    return new CorpusConfig(src.toString(), tgt.toString(), null, null, null, null, null, null);
  }

  /** The weight, 1 when not given. */
  public double effectiveWeight() {
    return weight == null ? 1 : weight;
  }

  /**
   * The corpus to read.
   *
   * @param data for the TMX languages when the entry names none
   */
  public CorpusSpec toSpec(DataConfig data) {
    if (src != null) {
      return CorpusSpec.aligned(Path.of(src), Path.of(tgt));
    }
    if (tsv != null) {
      if (tsvColumns == null) {
        return CorpusSpec.tsv(Path.of(tsv));
      }
      int[] c = columns(tsvColumns);
      return CorpusSpec.tsv(Path.of(tsv), c[0], c[1]);
    }
    return CorpusSpec.tmx(Path.of(tmx), srcLang != null ? srcLang : data.sourceLang(),
        tgtLang != null ? tgtLang : data.targetLang());
  }

  /** The files it reads. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (String f : new String[] {src, tgt, tsv, tmx}) {
      if (f != null) {
        out.add(Path.of(f));
      }
    }
    return out;
  }

  /**
   * Parses the command-line form, e.g. {@code a.de,a.en,weight=3} or {@code b.tsv.gz}.
   *
   * @throws IllegalArgumentException naming {@code --train} and what is wrong
   */
  public static CorpusConfig parse(String text) {
    List<String> files = new ArrayList<>();
    String columns = null;
    String srcLang = null;
    String tgtLang = null;
    Double weight = null;
    for (String item : text.split(",")) {
      String it = item.strip();
      int eq = it.indexOf('=');
      if (eq < 0) {
        if (it.isEmpty()) {
          throw new IllegalArgumentException("--train " + text + ": empty item");
        }
        files.add(it);
        continue;
      }
      String key = it.substring(0, eq).strip();
      String value = it.substring(eq + 1).strip();
      switch (key) {
        case "weight" -> {
          try {
            weight = Double.valueOf(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--train " + text + ": weight must be a number, got '"
                + value + "'");
          }
        }
        case "columns" -> columns = value.replace(':', ',');
        case "src-lang" -> srcLang = value;
        case "tgt-lang" -> tgtLang = value;
        default -> throw new IllegalArgumentException("--train " + text + ": unknown key '" + key
            + "' (valid: weight, columns, src-lang, tgt-lang)");
      }
    }
    try {
      if (files.size() == 2) {
        return new CorpusConfig(files.get(0), files.get(1), null, columns, null, srcLang, tgtLang,
            weight);
      }
      if (files.size() == 1) {
        String name = files.get(0).toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (name.endsWith(".tsv")) {
          return new CorpusConfig(null, null, files.get(0), columns, null, srcLang, tgtLang, weight);
        }
        if (name.endsWith(".tmx")) {
          return new CorpusConfig(null, null, null, columns, files.get(0), srcLang, tgtLang, weight);
        }
        throw new IllegalArgumentException("cannot tell the format of " + files.get(0)
            + " from its name (.tsv or .tmx, optionally .gz); give two files for aligned text");
      }
      throw new IllegalArgumentException("give two aligned files or one .tsv/.tmx file, got "
          + files.size() + " files");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--train " + text + ": "
          + e.getMessage().replaceFirst("^data\\.train: ", ""), e);
    }
  }

  private static int[] columns(String text) {
    String[] p = text.split(",");
    try {
      if (p.length == 2) {
        return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("data.train: tsv-columns must be two column numbers such "
        + "as \"2,3\", got '" + text + "'");
  }

  private static String describeFields(String src, String tgt, String tsv, String tmx) {
    List<String> given = new ArrayList<>();
    if (src != null) {
      given.add("src");
    }
    if (tgt != null) {
      given.add("tgt");
    }
    if (tsv != null) {
      given.add("tsv");
    }
    if (tmx != null) {
      given.add("tmx");
    }
    return given.isEmpty() ? "none" : String.join(", ", given);
  }
}
