package org.nmt4j.translator.shortlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.io.AtomicFiles;

/**
 * A shortlist on disk: UTF-8 text, tab-separated, by model token (not by id), so that it can
 * be read and edited and is checked against the model's vocabularies when loaded.
 *
 * <pre>
 * # comment lines start with '#'
 * &lt;TAB&gt;target-token&lt;TAB&gt;count              one of the most frequent target tokens
 * source-token&lt;TAB&gt;target-token&lt;TAB&gt;p(target|source)   a listed translation
 * </pre>
 *
 * Written atomically (a temporary file, then a rename).
 */
public final class ShortlistFile {
  private static final String HEADER = "# nmt4j shortlist: lines '<TAB>target<TAB>count' list"
      + " the most frequent target tokens, lines 'source<TAB>target<TAB>p(target|source)' each"
      + " source token's most probable translations (IBM Model 1)";

  private ShortlistFile() {}

  /**
   * Writes the {@code frequent} most frequent target tokens and each source token's {@code best}
   * most probable translations.
   *
   * @param targetCounts occurrences of each target id [V_t]
   */
  public static void write(Path file, IbmModel1 model, long[] targetCounts, int frequent,
      int best, Vocabulary source, Vocabulary target) throws IOException {
    AtomicFiles.writeUtf8(file, out -> {
      out.write(HEADER);
      out.write('\n');
      for (int t : Shortlist.mostFrequent(targetCounts, frequent)) {
        line(out, "", target.token(t), Long.toString(targetCounts[t]));
      }
      for (int s = 0; s < model.sourceVocabulary(); s++) {
        if (s == Vocabulary.PAD || s == Vocabulary.BOS) {
          continue;
        }
        for (int t : model.best(s, best)) {
          line(out, source.token(s), target.token(t),
              String.format(Locale.ROOT, "%.6g", model.probability(s, t)));
        }
      }
    });
  }

  private static void line(Writer out, String a, String b, String c) throws IOException {
    out.write(a);
    out.write('\t');
    out.write(b);
    out.write('\t');
    out.write(c);
    out.write('\n');
  }

  /**
   * Reads a shortlist for a model with these vocabularies.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line or of a token
   *     the model does not know (a shortlist built for another model)
   * @throws IOException when the file cannot be read
   */
  public static Shortlist read(Path file, Vocabulary source, Vocabulary target)
      throws IOException {
    List<Integer> frequent = new ArrayList<>();
    List<List<Integer>> bySource = new ArrayList<>();
    for (int s = 0; s < source.size(); s++) {
      bySource.add(new ArrayList<>());
    }
    int entries = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 3 || f[1].isEmpty()) {
          throw new IllegalArgumentException(file + ":" + number + ": expected 3 tab-separated"
              + " fields (source token or empty, target token, number), got: " + clip(line));
        }
        int t = known(target, f[1], "target", file, number);
        if (f[0].isEmpty()) {
          frequent.add(t);
        } else {
          bySource.get(known(source, f[0], "source", file, number)).add(t);
        }
        entries++;
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text");
    }
    if (entries == 0) {
      throw new IllegalArgumentException(file + ": no shortlist entries");
    }
    int[][] lists = new int[source.size()][];
    for (int s = 0; s < lists.length; s++) {
      lists[s] = bySource.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    return new Shortlist(target.size(),
        frequent.stream().mapToInt(Integer::intValue).toArray(), lists);
  }

  private static int known(Vocabulary v, String token, String side, Path file, int line) {
    if (!v.contains(token)) {
      throw new IllegalArgumentException(file + ":" + line + ": " + side + " token '"
          + clip(token) + "' is not in the model's " + side
          + " vocabulary (a shortlist built for another model?)");
    }
    return v.id(token);
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
