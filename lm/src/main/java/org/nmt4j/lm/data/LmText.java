package org.nmt4j.lm.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.tokenization.TokenCounts;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.bpe.BpeCodec;
import org.nmt4j.tokenization.bpe.BpeLearner;
import org.nmt4j.tokenization.bpe.BpeMerges;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * How a language model sees text: one continuous stream of tokens, each line split by the
 * model's {@link Tokenizer} and ended by the end-of-line token {@link Vocabulary#EOS_TOKEN}
 * ({@code </s>}), so that line breaks are predicted like any other token. With the {@code char}
 * tokenizer this is the char-RNN setting: one token per character, a run of spaces as one
 * {@code ▁} token, and {@code </s>} for the newline. A word-level tokenizer may be followed by
 * BPE subwords (the translator's {@link BpeCodec}). Immutable and thread-safe.
 *
 * @param tokenizer the tokenizer of each line
 * @param bpe subword segmentation after the tokenizer, or null for none
 * @param vocabulary the token ids (specials at 0-3, {@code </s>} being the end of a line)
 */
public record LmText(Tokenizer tokenizer, BpeCodec bpe, Vocabulary vocabulary) {
  /** The id of the end-of-line token. */
  public static final int END_OF_LINE = Vocabulary.EOS;

  /** The tokens of lines, each followed by {@code </s>}. */
  public static List<String> tokens(Tokenizer tokenizer, List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.addAll(tokenizer.tokenize(line));
      out.add(Vocabulary.EOS_TOKEN);
    }
    return out;
  }

  /**
   * Reads a text file (strict UTF-8, via the one line reader) into tokens.
   *
   * @throws org.nmt4j.tokenization.io.TextFileException naming the file and line of bad UTF-8
   */
  public static List<String> readTokens(Tokenizer tokenizer, Path file) {
    return tokens(tokenizer, Utf8LineReader.readAll(file, Utf8LineReader.LineEnding.TEXT));
  }

  /** Builds the vocabulary of a training stream: every token seen (at least once). */
  public static LmText build(TokenizerSpec spec, List<String> trainingTokens) {
    return build(spec, null, trainingTokens);
  }

  /**
   * Builds the vocabulary of a training stream (tokens after BPE when {@code bpe} is given):
   * every token seen.
   */
  public static LmText build(TokenizerSpec spec, BpeCodec bpe, List<String> trainingTokens) {
    TokenCounts counts = new TokenCounts();
    counts.addAll(trainingTokens);
    return new LmText(Tokenizers.create(spec), bpe, Vocabulary.build(counts.asMap(), 1,
        Vocabulary.UNLIMITED));
  }

  /** Learns {@code merges} BPE merges from the words of a token stream ({@code </s>} left out). */
  public static BpeCodec learnBpe(List<String> wordTokens, int merges) {
    TokenCounts counts = new TokenCounts();
    for (String t : wordTokens) {
      if (!t.equals(Vocabulary.EOS_TOKEN)) {
        counts.add(t);
      }
    }
    return new BpeCodec(new BpeLearner().learn(counts.asMap(), merges));
  }

  /** Segments the words of a token stream into subwords, line by line ({@code </s>} kept). */
  public static List<String> applyBpe(BpeCodec bpe, List<String> wordTokens) {
    if (bpe == null) {
      return wordTokens;
    }
    List<String> out = new ArrayList<>(wordTokens.size() * 2);
    for (String t : wordTokens) {
      if (t.equals(Vocabulary.EOS_TOKEN)) {
        out.add(t);
      } else {
        out.addAll(bpe.segment(t));
      }
    }
    return out;
  }

  /** The model's tokens of text lines, each followed by {@code </s>}. */
  public List<String> tokens(List<String> lines) {
    return applyBpe(bpe, tokens(tokenizer, lines));
  }

  /** The BPE merges, or null. */
  public BpeMerges merges() {
    return bpe == null ? null : bpe.merges();
  }

  /** Token ids of a token stream (unknown tokens as {@code <unk>}). */
  public int[] ids(List<String> tokens) {
    return vocabulary.encode(tokens);
  }

  /** Token ids of text lines. */
  public int[] encodeLines(List<String> lines) {
    return ids(tokens(lines));
  }

  /** Token ids of a text whose lines are separated by {@code \n} (a prime: no final newline). */
  public int[] encodePrime(String text) {
    String[] lines = text.split("\n", -1);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      List<String> words = tokenizer.tokenize(lines[i]);
      tokens.addAll(bpe == null ? words : bpe.encode(words));
      if (i < lines.length - 1) {
        tokens.add(Vocabulary.EOS_TOKEN);
      }
    }
    return ids(tokens);
  }

  /**
   * The text of ids: {@code </s>} becomes a line break, each line is joined by the tokenizer's
   * detokenizer.
   */
  public String decode(int[] ids) {
    StringBuilder out = new StringBuilder();
    List<String> line = new ArrayList<>();
    for (int id : ids) {
      if (id == END_OF_LINE) {
        out.append(detokenize(line)).append('\n');
        line.clear();
      } else {
        line.add(vocabulary.token(id));
      }
    }
    out.append(detokenize(line));
    return out.toString();
  }

  private String detokenize(List<String> line) {
    return tokenizer.detokenize(bpe == null ? line : bpe.decode(line));
  }
}
