package org.nmt4j.lm.inspect;

import java.util.List;
import java.util.Locale;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;

/**
 * One self-contained HTML page (inline CSS, no script, no network) showing a text once per chosen
 * cell, each token on a background coloured by the cell's activation there: blue for positive,
 * red for negative, white near zero, scaled by the cell's largest |activation| over the text.
 * Each coloured token is a {@code <span class="a">} whose {@code title} holds the value.
 */
public final class CellViewPage {
  private CellViewPage() {}

  /**
   * A cell to show.
   *
   * @param cell its index in the layer
   * @param caption what to say about it (e.g. its correlation with a feature)
   */
  public record Shown(int cell, String caption) {}

  /** The page. */
  public static String html(String title, CellActivations a, List<Shown> cells) {
    StringBuilder sb = new StringBuilder(64 * a.tokens().size() * Math.max(1, cells.size()));
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:1.5em;max-width:70em}\n")
        .append(".text{font-family:monospace;white-space:pre-wrap;line-height:1.5;"
            + "border:1px solid #ccc;padding:.5em}\n")
        .append("h2{font-size:1.05em;margin-top:1.6em}\n")
        .append(".legend span{padding:0 .6em}\n</style></head><body>\n<h1>")
        .append(escape(title)).append("</h1>\n<p class=\"legend\">layer ").append(a.layer())
        .append(", state ").append(a.state()).append(", ").append(a.tokens().size())
        .append(" tokens. Colour: <span style=\"background:").append(colour(-1))
        .append("\">negative</span><span style=\"background:").append(colour(0))
        .append("\">zero</span><span style=\"background:").append(colour(1))
        .append("\">positive</span> (scaled per cell by its largest |value|).</p>\n");
    for (Shown s : cells) {
      if (s.cell() < 0 || s.cell() >= a.cells()) {
        throw new IllegalArgumentException("--cells: cell " + s.cell() + " is outside [0, "
            + (a.cells() - 1) + "]");
      }
      double[] v = a.cell(s.cell());
      double max = 0;
      for (double x : v) {
        max = Math.max(max, Math.abs(x));
      }
      sb.append("<section class=\"cell\" id=\"cell-").append(s.cell()).append("\"><h2>cell ")
          .append(s.cell()).append(s.caption().isEmpty() ? "" : ": " + escape(s.caption()))
          .append("</h2>\n<div class=\"text\">");
      for (int t = 0; t < v.length; t++) {
        String tok = a.tokens().get(t);
        String shown = tok.equals(Vocabulary.EOS_TOKEN) ? "\u23ce\n"
            : tok.equals(TokenizerSpec.SPACE_TOKEN) ? " " : tok;
        double x = max == 0 ? 0 : v[t] / max;
        sb.append("<span class=\"a\" style=\"background:").append(colour(x)).append("\" title=\"")
            .append(String.format(Locale.ROOT, "%.3f", v[t])).append("\">").append(escape(shown))
            .append("</span>");
      }
      sb.append("</div></section>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  /** White at 0, blue towards +1, red towards -1. */
  static String colour(double x) {
    double c = Math.max(-1, Math.min(1, x));
    int fade = (int) Math.round(255 * (1 - Math.abs(c)));
    return c >= 0 ? String.format(Locale.ROOT, "rgb(%d,%d,255)", fade, fade)
        : String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
