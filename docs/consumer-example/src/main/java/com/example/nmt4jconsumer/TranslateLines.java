package com.example.nmt4jconsumer;

import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/** Translates the sentences given after the model file, one output line each. */
public final class TranslateLines {
  private TranslateLines() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: TranslateLines MODEL SENTENCE...");
      System.exit(2);
    }
    Translator translator = Translator.load(Path.of(args[0]));
    for (Translation t : translator.translate(List.of(args).subList(1, args.length))) {
      System.out.println(t.text());
    }
  }
}
