/**
 * Text to tokens and tokens to ids, the text side of nmt4j's translation models.
 *
 * <ul>
 *   <li>{@link org.nmt4j.tokenization.Tokenizer}, made by {@link
 *       org.nmt4j.tokenization.Tokenizers#create} from a {@link
 *       org.nmt4j.tokenization.TokenizerSpec}: kinds {@code corenlp} (Stanford CoreNLP 4.5.7
 *       for en, de, fr, es, see {@link org.nmt4j.tokenization.impl.CoreNlpTokenizer}), {@code
 *       lucene} (UAX#29 words via Lucene's ICU tokenizer, punctuation recovered, any language),
 *       {@code char} (characters, {@code ▁} for spaces) and {@code whitespace};
 *   <li>{@link org.nmt4j.tokenization.Detokenizer}: natural spacing per language, shared by the
 *       word-level tokenizers;
 *   <li>{@link org.nmt4j.tokenization.Vocabulary}: ids with {@code <pad>=0 <unk>=1 <s>=2
 *       </s>=3}, built from {@link org.nmt4j.tokenization.TokenCounts};
 *   <li>{@link org.nmt4j.tokenization.TextPipeline}: tokenizer plus optional BPE ({@link
 *       org.nmt4j.tokenization.bpe}).
 * </ul>
 *
 * Round-trip rates on Multi30k train, {@code detokenize(tokenize(s)).equals(s)}, are measured
 * by {@code Multi30kTokenizationTest}: 99.4% to 99.99% per tokenizer and language. The lines
 * that fail are mostly irregular in the source (double or trailing spaces, no-break spaces,
 * {@code &amp;} entities, a space before a comma).
 */
package org.nmt4j.tokenization;
